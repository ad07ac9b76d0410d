use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use crate::AuditError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckpointPolicy {
    pub passive_above_bytes: u64,
    pub truncate_above_bytes: u64,
    pub periodic: Option<PeriodicCheckpoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodicCheckpoint {
    pub every: Duration,
    pub kind: CheckpointKind,
}

impl Default for CheckpointPolicy {
    fn default() -> Self {
        Self {
            passive_above_bytes: 64 * 1024 * 1024,
            truncate_above_bytes: 256 * 1024 * 1024,
            periodic: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CheckpointKind {
    #[default]
    None,
    Passive,
    Full,
    Restart,
    Truncate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckpointReport {
    pub kind: CheckpointKind,
    pub wal_bytes_before: u64,
    pub wal_bytes_after: u64,
    pub busy: bool,
}

pub fn wal_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

pub fn file_bytes(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |meta| meta.len())
}

pub fn checkpoint_kind_due(
    db_path: &Path,
    policy: &CheckpointPolicy,
    periodic_due: bool,
) -> CheckpointKind {
    let before = file_bytes(&wal_path(db_path));
    if before > policy.truncate_above_bytes {
        CheckpointKind::Truncate
    } else if before > policy.passive_above_bytes {
        CheckpointKind::Passive
    } else if let Some(periodic) = policy.periodic.filter(|_| periodic_due) {
        periodic.kind
    } else {
        CheckpointKind::None
    }
}

pub fn run_checkpoint_kind(
    conn: &Connection,
    db_path: &Path,
    kind: CheckpointKind,
) -> Result<CheckpointReport, AuditError> {
    let wal = wal_path(db_path);
    let before = file_bytes(&wal);
    if kind == CheckpointKind::None {
        return Ok(CheckpointReport {
            wal_bytes_before: before,
            wal_bytes_after: before,
            ..CheckpointReport::default()
        });
    }
    let busy = run_checkpoint(conn, kind)?;
    Ok(CheckpointReport {
        kind,
        wal_bytes_before: before,
        wal_bytes_after: file_bytes(&wal),
        busy,
    })
}

fn run_checkpoint(conn: &Connection, kind: CheckpointKind) -> Result<bool, AuditError> {
    let sql = match kind {
        CheckpointKind::Truncate => "PRAGMA wal_checkpoint(TRUNCATE)",
        CheckpointKind::Restart => "PRAGMA wal_checkpoint(RESTART)",
        CheckpointKind::Full => "PRAGMA wal_checkpoint(FULL)",
        CheckpointKind::Passive | CheckpointKind::None => "PRAGMA wal_checkpoint(PASSIVE)",
    };
    conn.query_row(sql, [], |row| row.get::<_, i64>(0))
        .map(|busy| busy != 0)
        .map_err(|error| AuditError::Checkpoint {
            detail: error.to_string(),
        })
}
