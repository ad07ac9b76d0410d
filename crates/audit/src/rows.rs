use rusqlite::Row;

use crate::record::{EventIds, EventRecord, split_reason_codes};

pub const EVENT_COLUMNS: &str = "event_id, sender, seq, event_type, ts_ms, source, run_id, cycle_id, \
     snapshot_id, decision_id, order_intent_id, reason_codes, payload_json, prev_hash, event_hash";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub event_id: i64,
    pub record: EventRecord,
    pub prev_hash: String,
    pub event_hash: String,
}

pub fn stored_event(row: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let seq: i64 = row.get(2)?;
    let reason_codes: String = row.get(11)?;
    Ok(StoredEvent {
        event_id: row.get(0)?,
        record: EventRecord {
            sender: row.get(1)?,
            seq: u64::try_from(seq)
                .map_err(|_| rusqlite::Error::IntegralValueOutOfRange(2, seq))?,
            event_type: row.get(3)?,
            ts_ms: row.get(4)?,
            source: row.get(5)?,
            ids: EventIds {
                run_id: row.get(6)?,
                cycle_id: row.get(7)?,
                snapshot_id: row.get(8)?,
                decision_id: row.get(9)?,
                order_intent_id: row.get(10)?,
            },
            reason_codes: split_reason_codes(&reason_codes),
            payload_json: row.get(12)?,
        },
        prev_hash: row.get(13)?,
        event_hash: row.get(14)?,
    })
}
