mod common;

use common::{count, fresh_writer, record};
use livespot_audit::{audit_db_path, open_read_only, verify_store};

fn typed_batch() -> Vec<livespot_audit::EventRecord> {
    [
        (
            "launch",
            1,
            "RUN_STARTED",
            r#"{"mode":"SIM","config_hash":"abc"}"#,
        ),
        (
            "strategy",
            1,
            "DECISION",
            r#"{"symbol":"BTCUSDT","side":"BUY"}"#,
        ),
        ("risk", 1, "RISK_VERDICT", r#"{"approved":true}"#),
        (
            "executor",
            1,
            "INTENT_STATE",
            r#"{"state":"SENT","symbol":"BTCUSDT"}"#,
        ),
        (
            "executor",
            2,
            "FILL",
            r#"{"price":"100.5","quantity":"0.01"}"#,
        ),
        ("audit", 1, "ALERT_RAISED", r#"{"code":"DISK_LOW_DEGRADE"}"#),
        (
            "audit",
            2,
            "PROCESS_HEALTH",
            r#"{"queue_pct":3,"lag_ms":12,"wal_bytes":4096}"#,
        ),
    ]
    .into_iter()
    .map(|(sender, seq, event_type, payload)| record(sender, seq, event_type, payload))
    .collect()
}

#[test]
fn typed_events_are_projected_into_their_tables_in_the_same_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let batch = typed_batch();
    let outcome = writer.write_batch(&batch).unwrap();
    assert_eq!(outcome.written.len(), batch.len());
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    for sql in [
        "SELECT count(*) FROM runs WHERE mode = 'SIM' AND config_hash = 'abc'",
        "SELECT count(*) FROM decisions WHERE symbol = 'BTCUSDT' AND side = 'BUY' AND decision_id = 'dec-0'",
        "SELECT count(*) FROM cycles WHERE cycle_id = 'cycle-0' AND run_id = 'run-1'",
        "SELECT count(*) FROM risk_verdicts WHERE approved = 1",
        "SELECT count(*) FROM intents WHERE state = 'SENT' AND order_intent_id = 'oi-0'",
        "SELECT count(*) FROM fills WHERE price = '100.5' AND quantity = '0.01'",
        "SELECT count(*) FROM alerts WHERE code = 'DISK_LOW_DEGRADE' AND raised = 1",
        "SELECT count(*) FROM process_health WHERE queue_pct = 3 AND lag_ms = 12 AND wal_bytes = 4096",
    ] {
        assert_eq!(count(&conn, sql), 1, "{sql}");
    }
}

#[test]
fn a_resend_of_the_same_sender_and_seq_writes_nothing_twice_but_is_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let batch: Vec<_> = (1..=20)
        .map(|seq| record("strategy", seq, "DECISION", "{}"))
        .collect();
    let first = writer.write_batch(&batch).unwrap();
    assert!(first.acks.iter().all(|ack| !ack.duplicate));
    let mut resend = batch[10..].to_vec();
    resend.push(record("strategy", 21, "DECISION", "{}"));
    let second = writer.write_batch(&resend).unwrap();
    assert_eq!(second.acks.len(), 11);
    assert_eq!(second.acks.iter().filter(|ack| ack.duplicate).count(), 10);
    assert_eq!(second.written.len(), 1);
    assert_eq!(second.written[0].event_id, 21);
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM events"), 21);
    assert_eq!(count(&conn, "SELECT count(*) FROM decisions"), 21);
    assert!(
        verify_store(&audit_db_path(dir.path()))
            .unwrap()
            .is_intact()
    );
}

#[test]
fn the_chain_survives_reopening_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    writer
        .write_batch(&[record("risk", 1, "RISK_VERDICT", "{}")])
        .unwrap();
    drop(writer);
    let mut reopened = fresh_writer(dir.path());
    let outcome = reopened
        .write_batch(&[
            record("risk", 1, "RISK_VERDICT", "{}"),
            record("risk", 2, "RISK_VERDICT", "{}"),
        ])
        .unwrap();
    assert_eq!(outcome.written.len(), 1);
    assert_eq!(reopened.store().head().event_count, 2);
    let report = verify_store(&audit_db_path(dir.path())).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events_checked, 2);
}
