use std::fmt;
use std::path::Path;

use rusqlite::Connection;

use crate::AuditError;
use crate::chain::load_head;
use crate::read_conn::open_read_only;
use crate::record::GENESIS_HASH;
use crate::rows::{EVENT_COLUMNS, StoredEvent, stored_event};
use crate::verify_projection::first_projection_gap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainBreak {
    RowAltered,
    RowMissing,
    LinkBroken,
    HeadMismatch,
    ProjectionMissing,
}

impl ChainBreak {
    pub const fn reason_code(self) -> &'static str {
        match self {
            Self::RowAltered => "AUDIT_CHAIN_ROW_ALTERED",
            Self::RowMissing => "AUDIT_CHAIN_ROW_MISSING",
            Self::LinkBroken => "AUDIT_CHAIN_LINK_BROKEN",
            Self::HeadMismatch => "AUDIT_CHAIN_HEAD_MISMATCH",
            Self::ProjectionMissing => "AUDIT_PROJECTION_ROW_MISSING",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRow {
    pub table: String,
    pub event_id: i64,
    pub kind: ChainBreak,
}

impl fmt::Display for BrokenRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: first broken row is {} event_id {}",
            self.kind.reason_code(),
            self.table,
            self.event_id
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub events_checked: i64,
    pub head_event_count: i64,
    pub broken: Option<BrokenRow>,
}

impl VerifyReport {
    pub const fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

pub fn verify_store(db_path: &Path) -> Result<VerifyReport, AuditError> {
    let conn = open_read_only(db_path)?;
    verify_connection(&conn)
}

pub fn verify_connection(conn: &Connection) -> Result<VerifyReport, AuditError> {
    let read = |error: rusqlite::Error| AuditError::from_read(&error);
    let head = load_head(conn).map_err(read)?;
    let mut walk = ChainWalk::default();
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events ORDER BY event_id");
    let mut statement = conn.prepare(&sql).map_err(read)?;
    let mut rows = statement.query([]).map_err(read)?;
    while let Some(row) = rows.next().map_err(read)? {
        if let Some(broken) = walk.step(&stored_event(row).map_err(read)?) {
            return Ok(walk.report(head.event_count, Some(broken)));
        }
    }
    let broken = if walk.checked != head.event_count {
        Some(events_break(walk.checked + 1, ChainBreak::RowMissing))
    } else if walk.prev_hash != head.head_hash {
        Some(events_break(walk.checked, ChainBreak::HeadMismatch))
    } else {
        first_projection_gap(conn)?
    };
    Ok(walk.report(head.event_count, broken))
}

fn events_break(event_id: i64, kind: ChainBreak) -> BrokenRow {
    BrokenRow {
        table: "events".to_owned(),
        event_id,
        kind,
    }
}

#[derive(Debug)]
struct ChainWalk {
    checked: i64,
    prev_hash: String,
}

impl Default for ChainWalk {
    fn default() -> Self {
        Self {
            checked: 0,
            prev_hash: GENESIS_HASH.to_owned(),
        }
    }
}

impl ChainWalk {
    fn step(&mut self, stored: &StoredEvent) -> Option<BrokenRow> {
        let expected_id = self.checked + 1;
        if stored.event_id != expected_id {
            return Some(events_break(expected_id, ChainBreak::RowMissing));
        }
        if stored.prev_hash != self.prev_hash {
            return Some(events_break(stored.event_id, ChainBreak::LinkBroken));
        }
        if stored.record.chained_hash(&self.prev_hash) != stored.event_hash {
            return Some(events_break(stored.event_id, ChainBreak::RowAltered));
        }
        self.checked = expected_id;
        self.prev_hash.clone_from(&stored.event_hash);
        None
    }

    fn report(&self, head_event_count: i64, broken: Option<BrokenRow>) -> VerifyReport {
        VerifyReport {
            events_checked: self.checked,
            head_event_count,
            broken,
        }
    }
}
