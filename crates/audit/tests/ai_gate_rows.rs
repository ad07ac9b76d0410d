#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use common::{fresh_writer, record};
use livespot_audit::{audit_db_path, logs_dir, open_read_only, trail_files};
use serde_json::Value;

const FAILED_CALL: &str = r#"{"decision_id":"dec-0","ai_dec":2,"called":true,"verdict":"ERROR","reason_codes":[],"model":"gpt-4o-mini","prompt_version":"gate-v1","prompt_hash":"ab12","latency_ms":2500,"input_hash":"in-1","snapshot_hash":"snap-h","raw_hash":null,"total_tokens":0,"proposed_modification":null,"modify_applied":false,"error_code":"AI_TIMEOUT","details":"no answer within 2500 ms","raw_prompt":"Should we BUY BTCUSDT at 97000?","ts_ms":1764028701000}"#;

const MODIFIED_CALL: &str = r#"{"decision_id":"dec-1","ai_dec":1,"called":true,"verdict":"MODIFY","reason_codes":["AI_SPREAD_WIDE"],"model":"gpt-4o-mini","prompt_version":"gate-v1","prompt_hash":"ab12","latency_ms":180,"input_hash":"in-2","snapshot_hash":"snap-h","raw_hash":"raw-2","total_tokens":321,"proposed_modification":{"quantity":"0.5"},"modify_applied":true,"error_code":null,"details":null,"raw_prompt":null,"ts_ms":1764028702000}"#;

type GateRow = (
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn gate_rows(var_dir: &std::path::Path) -> Vec<GateRow> {
    let conn = open_read_only(&audit_db_path(var_dir)).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT verdict, model, prompt_version, latency_ms, raw_hash, modify_applied, \
             error_code, details FROM ai_gate_events ORDER BY event_id",
        )
        .unwrap();
    statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_failed_gate_call_fills_error_code_and_latency_and_hides_the_raw_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    writer
        .write_batch(&[
            record("strategy", 1, "AIGATE_CALL", FAILED_CALL),
            record("strategy", 2, "AIGATE_CALL", MODIFIED_CALL),
        ])
        .unwrap();
    let rows = gate_rows(dir.path());
    assert_eq!(rows.len(), 2);
    let failed = &rows[0];
    assert_eq!(failed.0, "ERROR");
    assert_eq!(failed.1.as_deref(), Some("gpt-4o-mini"));
    assert_eq!(failed.2.as_deref(), Some("gate-v1"));
    assert_eq!(failed.3, Some(2500));
    assert_eq!(failed.4, None);
    assert_eq!(failed.5, Some(0));
    assert_eq!(failed.6.as_deref(), Some("AI_TIMEOUT"));
    let details = failed.7.as_deref().unwrap();
    assert!(details.contains("no answer within 2500 ms"));
    assert!(details.contains("gate-v1"));
    assert!(!details.contains("Should we BUY"));
    let modified = &rows[1];
    assert_eq!(modified.0, "MODIFY");
    assert_eq!(modified.3, Some(180));
    assert_eq!(modified.4.as_deref(), Some("raw-2"));
    assert_eq!(modified.5, Some(1));
    assert_eq!(modified.6, None);
}

#[test]
fn the_trail_line_keeps_prompt_version_and_hash_but_not_the_raw_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    writer
        .write_batch(&[record("strategy", 1, "AIGATE_CALL", FAILED_CALL)])
        .unwrap();
    let files = trail_files(&logs_dir(dir.path())).unwrap();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!text.contains("Should we BUY"));
    let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(line["event_type"], "AIGATE_CALL");
    assert_eq!(line["payload"]["prompt_version"], "gate-v1");
    assert_eq!(line["payload"]["prompt_hash"], "ab12");
    assert_eq!(line["payload"]["error_code"], "AI_TIMEOUT");
    assert_eq!(line["payload"]["raw_prompt"], livespot_audit::REDACTED);
}
