#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use common::{fresh_writer, record};
use livespot_audit::{AuditReader, audit_db_path, open_read_only};

fn seeded(var_dir: &std::path::Path) -> livespot_audit::AuditWriter {
    let mut writer = fresh_writer(var_dir);
    let mut decision = record("strategy", 1, "DECISION", r#"{"symbol":"BTCUSDT"}"#);
    decision.ids.order_intent_id = None;
    let mut intent_a = record("executor", 1, "INTENT_STATE", r#"{"state":"CREATED"}"#);
    intent_a.ids.decision_id = Some("dec-0".to_owned());
    let mut intent_b = record("executor", 2, "INTENT_STATE", r#"{"state":"CONFIRMED"}"#);
    intent_b.ids.decision_id = Some("dec-0".to_owned());
    intent_b.ids.order_intent_id = Some("oi-0".to_owned());
    let mut batch = vec![
        decision,
        intent_a,
        intent_b,
        record("executor", 4, "INTENT_STATE", r#"{"state":"SENT_UNKNOWN"}"#),
        record(
            "launch",
            1,
            "MODE_CHANGED",
            r#"{"from":"NORMAL","to":"DEGRADE"}"#,
        ),
        record("audit", 1, "ALERT_RAISED", r#"{"code":"DISK_LOW_DEGRADE"}"#),
        record("audit", 2, "ALERT_RAISED", r#"{"code":"WS_STALE_DEGRADE"}"#),
        record(
            "audit",
            3,
            "ALERT_CLEARED",
            r#"{"code":"WS_STALE_DEGRADE"}"#,
        ),
        record(
            "audit",
            4,
            "PROCESS_HEALTH",
            r#"{"queue_pct":1,"wal_bytes":10}"#,
        ),
    ];
    for unrelated in batch.iter_mut().skip(4) {
        unrelated.ids.decision_id = None;
        unrelated.ids.order_intent_id = None;
    }
    writer.write_batch(&batch).unwrap();
    writer
}

#[test]
fn panel_queries_answer_from_the_projections() {
    let dir = tempfile::tempdir().unwrap();
    drop(seeded(dir.path()));
    let reader = AuditReader::open(&audit_db_path(dir.path())).unwrap();
    let alerts = reader.active_alerts().unwrap();
    assert_eq!(
        alerts.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(),
        vec!["DISK_LOW_DEGRADE"]
    );
    let stages = reader.latest_stage_changes(10).unwrap();
    assert_eq!(stages[0].to_state.as_deref(), Some("DEGRADE"));
    let confirmed = reader.intents_by_state(Some("CONFIRMED"), 10).unwrap();
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0].order_intent_id, "oi-0");
    assert_eq!(reader.intents_by_state(None, 10).unwrap().len(), 2);
    let trace = reader.decision_trace("dec-0").unwrap();
    assert_eq!(
        trace
            .iter()
            .map(|e| e.event_type.as_str())
            .collect::<Vec<_>>(),
        vec!["DECISION", "INTENT_STATE", "INTENT_STATE"]
    );
    assert_eq!(reader.intent_trace("oi-0").unwrap().len(), 3);
    let health = reader.health_series("audit", 0, 10).unwrap();
    assert_eq!(health[0].wal_bytes, Some(10));
    assert_eq!(reader.timeline(None, 3).unwrap()[0].event_id, 9);
}

#[test]
fn an_open_read_transaction_never_blocks_the_writer_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = seeded(dir.path());
    let reader = open_read_only(&audit_db_path(dir.path())).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let before: i64 = reader
        .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
        .unwrap();
    let more: Vec<_> = (10..60)
        .map(|seq| record("risk", seq, "RISK_VERDICT", "{}"))
        .collect();
    writer.write_batch(&more).unwrap();
    let during: i64 = reader
        .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
        .unwrap();
    assert_eq!(before, during);
    reader.execute_batch("COMMIT").unwrap();
    let after: i64 = reader
        .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
        .unwrap();
    assert_eq!(after, before + 50);
    assert!(reader.execute("DELETE FROM events", []).is_err());
}

#[test]
fn events_are_found_by_time_window_through_batch_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    for batch_start in [1_u64, 101, 201] {
        let batch: Vec<_> = (batch_start..batch_start + 100)
            .map(|seq| record("marketdata", seq, "SNAPSHOT", "{}"))
            .collect();
        writer.write_batch(&batch).unwrap();
    }
    let reader = AuditReader::open(&audit_db_path(dir.path())).unwrap();
    let from = 1_764_028_700_000 + 150 * 1000;
    let window = reader.events_between(from, from + 9 * 1000, 100).unwrap();
    let seqs: Vec<i64> = window.iter().map(|entry| entry.event_id).collect();
    assert_eq!(seqs, (150..=159).collect::<Vec<_>>());
}
