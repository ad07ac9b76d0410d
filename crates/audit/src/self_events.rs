use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::AuditError;
use crate::record::{EventIds, EventRecord};

pub const AUDIT_SENDER: &str = "audit";

#[derive(Debug)]
pub struct SelfEvents {
    run_id: Option<String>,
    next_seq: u64,
}

impl SelfEvents {
    pub fn resume(conn: &Connection, run_id: Option<String>) -> Result<Self, AuditError> {
        let last: Option<i64> = conn
            .query_row(
                "SELECT max(seq) FROM events WHERE sender = ?1",
                [AUDIT_SENDER],
                |row| row.get(0),
            )
            .optional()
            .map_err(|error| AuditError::from_read(&error))?
            .flatten();
        let last = last.and_then(|seq| u64::try_from(seq).ok()).unwrap_or(0);
        Ok(Self {
            run_id,
            next_seq: last + 1,
        })
    }

    pub fn next<T: Serialize>(
        &mut self,
        event_type: &str,
        ts_ms: i64,
        reason_codes: Vec<String>,
        payload: &T,
    ) -> EventRecord {
        let seq = self.next_seq;
        self.next_seq += 1;
        EventRecord {
            sender: AUDIT_SENDER.to_owned(),
            seq,
            event_type: event_type.to_owned(),
            ts_ms,
            source: AUDIT_SENDER.to_owned(),
            ids: EventIds {
                run_id: self.run_id.clone(),
                ..EventIds::default()
            },
            reason_codes,
            payload_json: serde_json::to_string(payload).unwrap_or_else(|_| "{}".to_owned()),
        }
    }
}
