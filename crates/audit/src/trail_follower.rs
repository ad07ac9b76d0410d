use std::path::Path;

use rusqlite::{Connection, params};

use crate::AuditError;
use crate::jsonl::JsonlTrail;
use crate::read_conn::open_read_only;
use crate::redact::{TrailPayload, trail_payload};
use crate::rows::{EVENT_COLUMNS, stored_event};
use crate::store::WrittenEvent;

const CATCH_UP_CHUNK: i64 = 10_000;

#[derive(Debug)]
pub struct TrailFollower {
    trail: JsonlTrail,
    trail_through: i64,
    reader: Connection,
}

impl TrailFollower {
    pub fn new(trail: JsonlTrail, trail_through: i64, db_path: &Path) -> Result<Self, AuditError> {
        Ok(Self {
            trail,
            trail_through,
            reader: open_read_only(db_path)?,
        })
    }

    pub fn extend(&mut self, written: &[WrittenEvent]) -> Result<(), AuditError> {
        extend_trail(
            &mut self.trail,
            &mut self.trail_through,
            &self.reader,
            written,
        )
    }
}

pub fn extend_trail(
    trail: &mut JsonlTrail,
    trail_through: &mut i64,
    store: &Connection,
    written: &[WrittenEvent],
) -> Result<(), AuditError> {
    let (Some(first), Some(last)) = (written.first(), written.last()) else {
        return Ok(());
    };
    if *trail_through + 1 < first.event_id {
        return catch_up_trail(trail, trail_through, store);
    }
    trail.append(written)?;
    *trail_through = last.event_id;
    Ok(())
}

pub fn catch_up_trail(
    trail: &mut JsonlTrail,
    trail_through: &mut i64,
    store: &Connection,
) -> Result<(), AuditError> {
    loop {
        let missing = events_after(store, *trail_through)?;
        let Some(last) = missing.last() else {
            return Ok(());
        };
        let last_event_id = last.event_id;
        trail.append(&missing)?;
        *trail_through = last_event_id;
    }
}

fn events_after(conn: &Connection, after_event_id: i64) -> Result<Vec<WrittenEvent>, AuditError> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE event_id > ?1 ORDER BY event_id LIMIT ?2"
    );
    let mut statement = conn
        .prepare(&sql)
        .map_err(|error| AuditError::from_read(&error))?;
    let rows = statement
        .query_map(params![after_event_id, CATCH_UP_CHUNK], stored_event)
        .map_err(|error| AuditError::from_read(&error))?;
    rows.map(|row| {
        row.map(|stored| WrittenEvent {
            event_id: stored.event_id,
            event_hash: stored.event_hash,
            trail_payload: match trail_payload(&stored.record.payload_json) {
                TrailPayload::Verbatim(_) => None,
                TrailPayload::Rewritten(value) => Some(value.to_string()),
            },
            record: stored.record,
        })
        .map_err(|error| AuditError::from_read(&error))
    })
    .collect()
}
