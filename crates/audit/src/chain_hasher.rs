use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;

use crate::AuditError;
use crate::record::chained_hash_of;

pub const SPECULATIVE_HASH_CHUNK: usize = 64;

pub const HASH_JOBS_PENDING: usize = 1;

struct HashJob {
    prev_hash: String,
    canonicals: Vec<Arc<[u8]>>,
    hashes: Sender<Vec<String>>,
    cancel: Arc<AtomicBool>,
}

#[derive(Debug)]
pub(crate) struct ChainHasher {
    jobs: SyncSender<HashJob>,
    thread: JoinHandle<()>,
}

#[derive(Debug)]
pub(crate) struct Speculation {
    hashes: Receiver<Vec<String>>,
    ready: std::vec::IntoIter<String>,
    owed: usize,
    live: bool,
    cancel: Arc<AtomicBool>,
}

impl ChainHasher {
    pub(crate) fn spawn() -> Result<Self, AuditError> {
        let (jobs, pending) = sync_channel(HASH_JOBS_PENDING);
        let thread = std::thread::Builder::new()
            .name("audit-chain".to_owned())
            .spawn(move || serve_jobs(&pending))
            .map_err(|error| AuditError::Write {
                detail: error.to_string(),
            })?;
        Ok(Self { jobs, thread })
    }

    pub(crate) fn speculate(
        &self,
        prev_hash: &str,
        canonicals: Vec<Arc<[u8]>>,
    ) -> Option<Speculation> {
        let (hashes, results) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let job = HashJob {
            prev_hash: prev_hash.to_owned(),
            canonicals,
            hashes,
            cancel: Arc::clone(&cancel),
        };
        self.jobs.try_send(job).ok()?;
        Some(Speculation {
            hashes: results,
            ready: Vec::new().into_iter(),
            owed: 0,
            live: true,
            cancel,
        })
    }

    pub(crate) fn stop(self) {
        drop(self.jobs);
        if self.thread.join().is_err() {
            tracing::error!(
                reason = "AUDIT_WRITE_FAILED",
                "chain hash thread ended abnormally"
            );
        }
    }
}

fn serve_jobs(pending: &Receiver<HashJob>) {
    while let Ok(job) = pending.recv() {
        let mut prev = job.prev_hash;
        let mut chunk = Vec::with_capacity(SPECULATIVE_HASH_CHUNK);
        for canonical in &job.canonicals {
            if job.cancel.load(Ordering::Relaxed) {
                break;
            }
            let hash = chained_hash_of(&prev, canonical);
            prev.clone_from(&hash);
            chunk.push(hash);
            if chunk.len() == SPECULATIVE_HASH_CHUNK {
                let full =
                    std::mem::replace(&mut chunk, Vec::with_capacity(SPECULATIVE_HASH_CHUNK));
                if job.hashes.send(full).is_err() {
                    break;
                }
            }
        }
        if !chunk.is_empty() {
            drop(job.hashes.send(chunk));
        }
    }
}

impl Speculation {
    pub(crate) fn next_hash(&mut self) -> Option<String> {
        if !self.live {
            return None;
        }
        loop {
            if let Some(hash) = self.ready.next() {
                if self.owed == 0 {
                    return Some(hash);
                }
                self.owed -= 1;
                continue;
            }
            if let Ok(chunk) = self.hashes.try_recv() {
                self.ready = chunk.into_iter();
            } else {
                self.owed += 1;
                return None;
            }
        }
    }

    pub(crate) fn abandon(&mut self) {
        self.live = false;
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for Speculation {
    fn drop(&mut self) {
        self.abandon();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::GENESIS_HASH;

    fn canonicals(count: usize) -> Vec<Arc<[u8]>> {
        (0..count)
            .map(|index| Arc::from(format!("{{\"event\":{index}}}").into_bytes()))
            .collect()
    }

    fn chain(canonicals: &[Arc<[u8]>]) -> Vec<String> {
        let mut prev = GENESIS_HASH.to_owned();
        canonicals
            .iter()
            .map(|canonical| {
                prev = chained_hash_of(&prev, canonical);
                prev.clone()
            })
            .collect()
    }

    #[test]
    fn speculative_hashes_equal_the_chain_whichever_side_computes_them() {
        let hasher = ChainHasher::spawn().unwrap();
        let events = canonicals(3 * SPECULATIVE_HASH_CHUNK + 5);
        let expected = chain(&events);
        let mut speculation = hasher.speculate(GENESIS_HASH, events.clone()).unwrap();
        let mut got = Vec::new();
        for (index, canonical) in events.iter().enumerate() {
            let prev = got.last().map_or(GENESIS_HASH, String::as_str);
            let hash = match speculation.next_hash() {
                Some(hash) => hash,
                None => chained_hash_of(prev, canonical),
            };
            assert_eq!(hash, expected[index], "event {index}");
            got.push(hash);
        }
        drop(speculation);
        hasher.stop();
    }

    #[test]
    fn an_abandoned_speculation_yields_nothing_more() {
        let hasher = ChainHasher::spawn().unwrap();
        let mut speculation = hasher.speculate(GENESIS_HASH, canonicals(10)).unwrap();
        speculation.abandon();
        assert_eq!(speculation.next_hash(), None);
        drop(speculation);
        hasher.stop();
    }
}
