use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum NonceStoreError {
    #[error("NONCE_STORE_OPEN_FAILED: {path}: {source}")]
    Open {
        path: String,
        source: std::io::Error,
    },
    #[error("NONCE_STORE_READ_FAILED: {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("NONCE_STORE_MALFORMED_NONCE: nonces are non-empty and contain no whitespace")]
    MalformedNonce,
    #[error("NONCE_STORE_APPEND_FAILED: {path}: {source}")]
    Append {
        path: String,
        source: std::io::Error,
    },
}

pub trait NonceStore {
    fn remember(
        &mut self,
        nonce: &str,
        expires_at_ms: i64,
        now_ms: i64,
    ) -> Result<bool, NonceStoreError>;
}

#[derive(Debug, Default)]
pub struct MemoryNonceStore {
    seen: HashMap<String, i64>,
    by_expiry: BTreeSet<(i64, String)>,
}

impl MemoryNonceStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    fn forget_expired(&mut self, now_ms: i64) {
        while let Some((expiry, _)) = self.by_expiry.first()
            && *expiry <= now_ms
        {
            if let Some((_, nonce)) = self.by_expiry.pop_first() {
                self.seen.remove(&nonce);
            }
        }
    }

    fn record(&mut self, nonce: &str, expires_at_ms: i64) {
        if let Some(previous) = self.seen.insert(nonce.to_owned(), expires_at_ms) {
            self.by_expiry.remove(&(previous, nonce.to_owned()));
        }
        self.by_expiry.insert((expires_at_ms, nonce.to_owned()));
    }

    fn insert_if_fresh(&mut self, nonce: &str, expires_at_ms: i64, now_ms: i64) -> bool {
        self.forget_expired(now_ms);
        if self.seen.contains_key(nonce) {
            return false;
        }
        self.record(nonce, expires_at_ms);
        true
    }
}

impl NonceStore for MemoryNonceStore {
    fn remember(
        &mut self,
        nonce: &str,
        expires_at_ms: i64,
        now_ms: i64,
    ) -> Result<bool, NonceStoreError> {
        Ok(self.insert_if_fresh(nonce, expires_at_ms, now_ms))
    }
}

#[derive(Debug)]
pub struct FileNonceStore {
    path: PathBuf,
    file: File,
    memory: MemoryNonceStore,
}

impl FileNonceStore {
    pub fn open(path: &Path) -> Result<Self, NonceStoreError> {
        let mut memory = MemoryNonceStore::new();
        let torn_tail = path.exists() && load_into(path, &mut memory)?;
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|source| NonceStoreError::Open {
                path: path.display().to_string(),
                source,
            })?;
        if torn_tail {
            file.write_all(b"\n")
                .map_err(|source| NonceStoreError::Append {
                    path: path.display().to_string(),
                    source,
                })?;
        }
        Ok(Self {
            path: path.to_path_buf(),
            file,
            memory,
        })
    }

    pub fn remembered(&self) -> usize {
        self.memory.len()
    }
}

fn load_into(path: &Path, memory: &mut MemoryNonceStore) -> Result<bool, NonceStoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| NonceStoreError::Read {
        path: path.display().to_string(),
        source,
    })?;
    for line in text.lines() {
        if let Some((nonce, expiry)) = line.split_once(' ')
            && let Ok(expires_at_ms) = expiry.parse::<i64>()
        {
            memory.record(nonce, expires_at_ms);
        }
    }
    Ok(!text.is_empty() && !text.ends_with('\n'))
}

impl NonceStore for FileNonceStore {
    fn remember(
        &mut self,
        nonce: &str,
        expires_at_ms: i64,
        now_ms: i64,
    ) -> Result<bool, NonceStoreError> {
        if nonce.is_empty() || nonce.contains(char::is_whitespace) {
            return Err(NonceStoreError::MalformedNonce);
        }
        if !self.memory.insert_if_fresh(nonce, expires_at_ms, now_ms) {
            return Ok(false);
        }
        let line = format!("{nonce} {expires_at_ms}\n");
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|source| NonceStoreError::Append {
                path: self.path.display().to_string(),
                source,
            })?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_nonces_are_forgotten_and_live_ones_kept() {
        let mut store = MemoryNonceStore::new();
        assert!(store.remember("a", 100, 0).unwrap());
        assert!(store.remember("b", 300, 0).unwrap());
        assert!(!store.remember("a", 100, 50).unwrap());
        assert!(store.remember("c", 400, 100).unwrap());
        assert_eq!(store.len(), 2);
        assert!(!store.remember("b", 300, 299).unwrap());
        assert!(store.remember("a", 500, 301).unwrap());
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn file_store_refuses_nonces_that_would_break_its_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = FileNonceStore::open(&dir.path().join("n.log")).unwrap();
        assert!(matches!(
            store.remember("a b", 1, 0),
            Err(NonceStoreError::MalformedNonce)
        ));
        assert!(matches!(
            store.remember("", 1, 0),
            Err(NonceStoreError::MalformedNonce)
        ));
        assert!(store.remember("ok", 1, 0).unwrap());
    }
}
