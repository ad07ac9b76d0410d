#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]
#![allow(
    dead_code,
    reason = "each test file uses a different subset of the helpers"
)]

use std::path::Path;

use livespot_audit::{
    AuditWriter, CheckpointPolicy, EventIds, EventRecord, audit_db_path, migrate_store,
};

pub fn fresh_writer(var_dir: &Path) -> AuditWriter {
    migrate_store(&audit_db_path(var_dir)).unwrap();
    AuditWriter::open(var_dir, CheckpointPolicy::default()).unwrap()
}

pub fn record(sender: &str, seq: u64, event_type: &str, payload_json: &str) -> EventRecord {
    EventRecord {
        sender: sender.to_owned(),
        seq,
        event_type: event_type.to_owned(),
        ts_ms: 1_764_028_700_000 + i64::try_from(seq).unwrap() * 1000,
        source: sender.to_owned(),
        ids: EventIds {
            run_id: Some("run-1".to_owned()),
            cycle_id: Some(format!("cycle-{}", seq / 4)),
            snapshot_id: Some(format!("snap-{}", seq / 4)),
            decision_id: Some(format!("dec-{}", seq / 2)),
            order_intent_id: Some(format!("oi-{}", seq / 2)),
        },
        reason_codes: Vec::new(),
        payload_json: payload_json.to_owned(),
    }
}

pub fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}
