use std::path::{Path, PathBuf};

use livespot_domain::ProcessRole;
use rusqlite::{OptionalExtension, params};
use thiserror::Error;

use crate::durable::{DurableMessage, OutboxEntry};
use crate::frame::{decode_body, encode_body};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    body BLOB NOT NULL
)";

#[derive(Debug, Error)]
pub enum OutboxError {
    #[error("OUTBOX_OPEN_FAILED: {path}: {detail}")]
    Open { path: String, detail: String },
    #[error("OUTBOX_WRITE_FAILED: {0}")]
    Write(String),
    #[error("OUTBOX_READ_FAILED: {0}")]
    Read(String),
    #[error("OUTBOX_CORRUPT: seq {seq}: {detail}")]
    Corrupt { seq: u64, detail: String },
}

#[derive(Debug)]
pub struct Outbox {
    sender: ProcessRole,
    connection: rusqlite::Connection,
}

impl Outbox {
    pub fn path_for(var_dir: &Path, sender: ProcessRole) -> PathBuf {
        var_dir
            .join("data")
            .join(format!("outbox-{}.sqlite", sender.as_str()))
    }

    pub fn open_in(var_dir: &Path, sender: ProcessRole) -> Result<Self, OutboxError> {
        Self::open(&Self::path_for(var_dir, sender), sender)
    }

    pub fn open(path: &Path, sender: ProcessRole) -> Result<Self, OutboxError> {
        let open_failed = |detail: String| OutboxError::Open {
            path: path.display().to_string(),
            detail,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| open_failed(error.to_string()))?;
        }
        let connection =
            rusqlite::Connection::open(path).map_err(|error| open_failed(error.to_string()))?;
        connection
            .execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            .and_then(|()| connection.execute_batch(SCHEMA))
            .map_err(|error| open_failed(error.to_string()))?;
        Ok(Self { sender, connection })
    }

    pub fn sender(&self) -> ProcessRole {
        self.sender
    }

    pub fn push(&mut self, message: &DurableMessage) -> Result<u64, OutboxError> {
        let body = encode_body(message).map_err(|error| OutboxError::Write(error.to_string()))?;
        self.connection
            .execute("INSERT INTO outbox (body) VALUES (?1)", params![body])
            .map_err(|error| OutboxError::Write(error.to_string()))?;
        u64::try_from(self.connection.last_insert_rowid())
            .map_err(|error| OutboxError::Write(error.to_string()))
    }

    pub fn ack(&mut self, seq: u64) -> Result<bool, OutboxError> {
        let seq = i64::try_from(seq).map_err(|error| OutboxError::Write(error.to_string()))?;
        let removed = self
            .connection
            .execute("DELETE FROM outbox WHERE seq = ?1", params![seq])
            .map_err(|error| OutboxError::Write(error.to_string()))?;
        Ok(removed > 0)
    }

    pub fn pending(&self) -> Result<u64, OutboxError> {
        self.connection
            .query_row("SELECT COUNT(*) FROM outbox", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|count| u64::try_from(count).unwrap_or_default())
            .map_err(|error| OutboxError::Read(error.to_string()))
    }

    pub fn oldest_unacked_seq(&self) -> Result<Option<u64>, OutboxError> {
        self.connection
            .query_row("SELECT MIN(seq) FROM outbox", [], |row| {
                row.get::<_, Option<i64>>(0)
            })
            .optional()
            .map(|seq| seq.flatten().and_then(|seq| u64::try_from(seq).ok()))
            .map_err(|error| OutboxError::Read(error.to_string()))
    }

    pub fn unacked(&self, limit: usize) -> Result<Vec<OutboxEntry>, OutboxError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut statement = self
            .connection
            .prepare_cached("SELECT seq, body FROM outbox ORDER BY seq LIMIT ?1")
            .map_err(|error| OutboxError::Read(error.to_string()))?;
        let rows = statement
            .query_map(params![limit], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
            })
            .map_err(|error| OutboxError::Read(error.to_string()))?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, body) = row.map_err(|error| OutboxError::Read(error.to_string()))?;
            entries.push(decode_entry(seq, &body)?);
        }
        Ok(entries)
    }
}

fn decode_entry(seq: i64, body: &[u8]) -> Result<OutboxEntry, OutboxError> {
    let seq = u64::try_from(seq).map_err(|error| OutboxError::Corrupt {
        seq: 0,
        detail: error.to_string(),
    })?;
    let message = decode_body(body).map_err(|error| OutboxError::Corrupt {
        seq,
        detail: error.to_string(),
    })?;
    Ok(OutboxEntry { seq, message })
}
