#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use std::io::Write;

use common::{fresh_writer, record};
use livespot_audit::{
    AuditWriter, CheckpointPolicy, audit_db_path, file_bytes, jsonl_path, logs_dir, open_read_only,
    trail_files, utc_day, wal_path,
};
use serde_json::Value;

fn trail_lines(var_dir: &std::path::Path) -> Vec<Value> {
    trail_files(&logs_dir(var_dir))
        .unwrap()
        .iter()
        .flat_map(|path| {
            std::fs::read_to_string(path)
                .unwrap()
                .lines()
                .map(|line| serde_json::from_str::<Value>(line).unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn each_stored_event_has_one_matching_redacted_trail_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let mut batch: Vec<_> = (1..=30)
        .map(|seq| {
            record(
                "strategy",
                seq,
                "AIGATE_CALL",
                r#"{"verdict":"ALLOW","prompt_text":"raw prompt","input_hash":"aa"}"#,
            )
        })
        .collect();
    batch.push(batch[0].clone());
    writer.write_batch(&batch).unwrap();
    let lines = trail_lines(dir.path());
    assert_eq!(lines.len(), 30);
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    let mut statement = conn
        .prepare("SELECT event_id, event_type, event_hash, decision_id, order_intent_id FROM events ORDER BY event_id")
        .unwrap();
    let rows: Vec<(i64, String, String, String, String)> = statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (line, (event_id, event_type, event_hash, decision_id, intent_id)) in
        lines.iter().zip(&rows)
    {
        assert_eq!(line["event_id"], *event_id);
        assert_eq!(line["event_type"], event_type.as_str());
        assert_eq!(line["event_hash"], event_hash.as_str());
        assert_eq!(line["decision_id"], decision_id.as_str());
        assert_eq!(line["order_intent_id"], intent_id.as_str());
        assert_eq!(line["payload"]["input_hash"], "aa");
        assert!(!line.to_string().contains("raw prompt"));
    }
}

#[test]
fn events_land_in_the_file_of_their_utc_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let mut late = record("risk", 1, "RISK_VERDICT", "{}");
    late.ts_ms = 1_764_028_799_000;
    let mut early = record("risk", 2, "RISK_VERDICT", "{}");
    early.ts_ms = 1_764_028_801_000;
    writer.write_batch(&[late, early]).unwrap();
    for day in ["2025-11-24", "2025-11-25"] {
        let text = std::fs::read_to_string(jsonl_path(&logs_dir(dir.path()), day)).unwrap();
        assert_eq!(text.lines().count(), 1, "{day}");
    }
    assert_eq!(utc_day(1_764_028_801_000), "2025-11-25");
}

#[test]
fn a_torn_trail_is_repaired_and_missing_lines_are_rewritten_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let batch: Vec<_> = (1..=10)
        .map(|seq| record("executor", seq, "ORDER", "{}"))
        .collect();
    writer.write_batch(&batch).unwrap();
    drop(writer);
    let path = trail_files(&logs_dir(dir.path())).unwrap().remove(0);
    let text = std::fs::read_to_string(&path).unwrap();
    let keep = text.lines().take(6).fold(String::new(), |mut kept, line| {
        kept.push_str(line);
        kept.push('\n');
        kept
    });
    std::fs::write(&path, keep).unwrap();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(b"{\"event_id\":7,\"torn").unwrap();
    drop(file);
    drop(fresh_writer(dir.path()));
    let ids: Vec<i64> = trail_lines(dir.path())
        .iter()
        .map(|line| line["event_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, (1..=10).collect::<Vec<_>>());
}

#[test]
fn wal_stays_bounded_under_the_checkpoint_policy() {
    let dir = tempfile::tempdir().unwrap();
    drop(fresh_writer(dir.path()));
    let policy = CheckpointPolicy {
        passive_above_bytes: 256 * 1024,
        truncate_above_bytes: 1024 * 1024,
        periodic: None,
    };
    let mut writer = AuditWriter::open(dir.path(), policy).unwrap();
    let payload = format!(r#"{{"blob":"{}"}}"#, "x".repeat(400));
    let mut max_wal = 0;
    let mut checkpoints = 0;
    for batch_index in 0..200u64 {
        let batch: Vec<_> = (0..50)
            .map(|offset| {
                record(
                    "marketdata",
                    batch_index * 50 + offset + 1,
                    "SNAPSHOT",
                    &payload,
                )
            })
            .collect();
        let outcome = writer.write_batch(&batch).unwrap();
        if outcome.checkpoint.kind != livespot_audit::CheckpointKind::None {
            checkpoints += 1;
        }
        max_wal = max_wal.max(file_bytes(&wal_path(&audit_db_path(dir.path()))));
    }
    assert!(checkpoints > 0);
    assert!(max_wal < 2 * 1024 * 1024, "wal grew to {max_wal}");
    assert!(file_bytes(&audit_db_path(dir.path())) > 4 * 1024 * 1024);
}

#[test]
fn a_failed_trail_write_still_acks_and_the_next_batch_catches_the_trail_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let mut blocked = record("risk", 1, "RISK_VERDICT", "{}");
    blocked.ts_ms = 1_764_115_200_000;
    let day_path = jsonl_path(&logs_dir(dir.path()), &utc_day(blocked.ts_ms));
    std::fs::create_dir_all(&day_path).unwrap();
    let outcome = writer.write_batch(std::slice::from_ref(&blocked)).unwrap();
    assert_eq!(outcome.acks.len(), 1);
    assert_eq!(
        outcome.trail_error.unwrap().reason_code(),
        "AUDIT_JSONL_FAILED"
    );
    std::fs::remove_dir(&day_path).unwrap();
    let mut next = record("risk", 2, "RISK_VERDICT", "{}");
    next.ts_ms = blocked.ts_ms + 1;
    let outcome = writer.write_batch(&[next]).unwrap();
    assert!(outcome.trail_error.is_none());
    let ids: Vec<i64> = trail_lines(dir.path())
        .iter()
        .map(|line| line["event_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![1, 2]);
}

#[test]
fn a_due_periodic_checkpoint_runs_in_the_configured_mode() {
    let dir = tempfile::tempdir().unwrap();
    drop(fresh_writer(dir.path()));
    let policy = CheckpointPolicy {
        periodic: Some(livespot_audit::PeriodicCheckpoint {
            every: std::time::Duration::ZERO,
            kind: livespot_audit::CheckpointKind::Truncate,
        }),
        ..CheckpointPolicy::default()
    };
    let mut writer = AuditWriter::open(dir.path(), policy).unwrap();
    let outcome = writer
        .write_batch(&[record("risk", 1, "RISK_VERDICT", "{}")])
        .unwrap();
    assert_eq!(
        outcome.checkpoint.kind,
        livespot_audit::CheckpointKind::Truncate
    );
    assert!(outcome.checkpoint.wal_bytes_before > 0);
    assert_eq!(outcome.checkpoint.wal_bytes_after, 0);
}
