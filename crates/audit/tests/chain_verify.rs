#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use common::{fresh_writer, record};
use livespot_audit::{ChainBreak, audit_db_path, verify_store};
use rusqlite::Connection;

fn store_with_events(dir: &std::path::Path, events: u64) {
    let mut writer = fresh_writer(dir);
    let batch: Vec<_> = (1..=events)
        .map(|seq| record("strategy", seq, "DECISION", r#"{"symbol":"ETHUSDT"}"#))
        .collect();
    writer.write_batch(&batch).unwrap();
}

fn tamper(dir: &std::path::Path, sql: &str) {
    let conn = Connection::open(audit_db_path(dir)).unwrap();
    assert_eq!(conn.execute(sql, []).unwrap(), 1);
}

#[test]
fn an_untouched_chain_verifies() {
    let dir = tempfile::tempdir().unwrap();
    store_with_events(dir.path(), 50);
    let report = verify_store(&audit_db_path(dir.path())).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events_checked, 50);
    assert_eq!(report.head_event_count, 50);
}

#[test]
fn an_altered_row_is_named() {
    let dir = tempfile::tempdir().unwrap();
    store_with_events(dir.path(), 50);
    tamper(
        dir.path(),
        "UPDATE events SET payload_json = '{\"symbol\":\"BTCUSDT\"}' WHERE event_id = 17",
    );
    let broken = verify_store(&audit_db_path(dir.path()))
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(
        (broken.table.as_str(), broken.event_id, broken.kind),
        ("events", 17, ChainBreak::RowAltered)
    );
    assert!(broken.to_string().contains("AUDIT_CHAIN_ROW_ALTERED"));
}

#[test]
fn a_deleted_middle_row_is_named() {
    let dir = tempfile::tempdir().unwrap();
    store_with_events(dir.path(), 50);
    tamper(dir.path(), "DELETE FROM events WHERE event_id = 23");
    let broken = verify_store(&audit_db_path(dir.path()))
        .unwrap()
        .broken
        .unwrap();
    assert_eq!((broken.event_id, broken.kind), (23, ChainBreak::RowMissing));
}

#[test]
fn a_deleted_last_row_is_caught_by_the_count() {
    let dir = tempfile::tempdir().unwrap();
    store_with_events(dir.path(), 50);
    tamper(dir.path(), "DELETE FROM events WHERE event_id = 50");
    let broken = verify_store(&audit_db_path(dir.path()))
        .unwrap()
        .broken
        .unwrap();
    assert_eq!((broken.event_id, broken.kind), (50, ChainBreak::RowMissing));
}

#[test]
fn a_relinked_row_is_named() {
    let dir = tempfile::tempdir().unwrap();
    store_with_events(dir.path(), 10);
    tamper(
        dir.path(),
        "UPDATE events SET prev_hash = 'ff' WHERE event_id = 4",
    );
    let broken = verify_store(&audit_db_path(dir.path()))
        .unwrap()
        .broken
        .unwrap();
    assert_eq!((broken.event_id, broken.kind), (4, ChainBreak::LinkBroken));
}

#[test]
fn a_deleted_projection_row_is_named_with_its_table() {
    let dir = tempfile::tempdir().unwrap();
    store_with_events(dir.path(), 10);
    tamper(dir.path(), "DELETE FROM decisions WHERE event_id = 6");
    let broken = verify_store(&audit_db_path(dir.path()))
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(
        (broken.table.as_str(), broken.event_id, broken.kind),
        ("decisions", 6, ChainBreak::ProjectionMissing)
    );
}
