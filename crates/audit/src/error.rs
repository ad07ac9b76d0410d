use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum AuditError {
    #[error("AUDIT_STORE_OPEN_FAILED: {path}: {detail}")]
    StoreOpen { path: String, detail: String },
    #[error("AUDIT_MIGRATION_FAILED: {detail}")]
    Migration { detail: String },
    #[error(
        "AUDIT_SCHEMA_BEHIND: store at {path} has {pending} pending migrations; run livespot-migrate"
    )]
    SchemaBehind { path: String, pending: i64 },
    #[error("AUDIT_SCHEMA_AHEAD: store at {path} is newer than this build")]
    SchemaAhead { path: String },
    #[error("AUDIT_SQLITE_BUSY: {detail}")]
    Busy { detail: String },
    #[error("AUDIT_DISK_FULL: {detail}")]
    DiskFull { detail: String },
    #[error("AUDIT_WRITE_FAILED: {detail}")]
    Write { detail: String },
    #[error("AUDIT_READ_FAILED: {detail}")]
    Read { detail: String },
    #[error("AUDIT_JSONL_FAILED: {path}: {detail}")]
    Jsonl { path: String, detail: String },
    #[error("AUDIT_CHECKPOINT_FAILED: {detail}")]
    Checkpoint { detail: String },
    #[error("AUDIT_QUEUE_FULL: {capacity} events already queued")]
    QueueFull { capacity: usize },
    #[error("AUDIT_OUTBOX_FULL: {capacity} events wait for acknowledgement")]
    OutboxFull { capacity: usize },
    #[error("AUDIT_SINK_UNAVAILABLE: {detail}")]
    SinkUnavailable { detail: String },
    #[error("AUDIT_QUEUE_CLOSED: the writer has stopped")]
    QueueClosed,
    #[error("AUDIT_ENCODE_FAILED: {detail}")]
    Encode { detail: String },
}

impl AuditError {
    pub const fn reason_code(&self) -> &'static str {
        match self {
            Self::StoreOpen { .. } => "AUDIT_STORE_OPEN_FAILED",
            Self::Migration { .. } => "AUDIT_MIGRATION_FAILED",
            Self::SchemaBehind { .. } => "AUDIT_SCHEMA_BEHIND",
            Self::SchemaAhead { .. } => "AUDIT_SCHEMA_AHEAD",
            Self::Busy { .. } => "AUDIT_SQLITE_BUSY",
            Self::DiskFull { .. } => "AUDIT_DISK_FULL",
            Self::Write { .. } => "AUDIT_WRITE_FAILED",
            Self::Read { .. } => "AUDIT_READ_FAILED",
            Self::Jsonl { .. } => "AUDIT_JSONL_FAILED",
            Self::Checkpoint { .. } => "AUDIT_CHECKPOINT_FAILED",
            Self::QueueFull { .. } => "AUDIT_QUEUE_FULL",
            Self::OutboxFull { .. } => "AUDIT_OUTBOX_FULL",
            Self::SinkUnavailable { .. } => "AUDIT_SINK_UNAVAILABLE",
            Self::QueueClosed => "AUDIT_QUEUE_CLOSED",
            Self::Encode { .. } => "AUDIT_ENCODE_FAILED",
        }
    }

    pub fn from_write(error: &rusqlite::Error) -> Self {
        let detail = error.to_string();
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Self::Busy { detail }
            }
            Some(rusqlite::ErrorCode::DiskFull) => Self::DiskFull { detail },
            _ => Self::Write { detail },
        }
    }

    pub fn from_read(error: &rusqlite::Error) -> Self {
        Self::Read {
            detail: error.to_string(),
        }
    }
}
