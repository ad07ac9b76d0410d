mod support;

use livespot_aigate::stub::StubReply;
use livespot_audit::{AuditWriter, CheckpointPolicy, EventRecord, audit_db_path, migrate_store};
use livespot_domain::{CorrelationIds, ProcessRole};

use support::{evaluate, gate, stub};

type Row = (String, Option<String>, Option<String>, String);

#[tokio::test]
async fn every_attempt_lands_as_one_ai_gate_events_row_with_its_error_code() {
    let server = stub(vec![
        StubReply::Allow,
        StubReply::Timeout,
        StubReply::ModifyConservative,
        StubReply::UnknownReason,
    ])
    .await;
    let gate = gate(2, &server.base_url());
    let var = tempfile::tempdir().unwrap();
    migrate_store(&audit_db_path(var.path())).unwrap();
    let mut writer = AuditWriter::open(var.path(), CheckpointPolicy::default()).unwrap();
    let mut records = Vec::new();
    for seq in 1..=4 {
        let outcome = evaluate(&gate).await;
        let event = outcome
            .record
            .to_audit_event(CorrelationIds::default())
            .unwrap();
        records.push(EventRecord::from_event(ProcessRole::Strategy, seq, &event));
    }
    writer.write_batch(&records).unwrap();
    let conn = rusqlite::Connection::open(audit_db_path(var.path())).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT verdict, answer_hash, input_hash, reason_codes FROM ai_gate_events \
             ORDER BY event_id",
        )
        .unwrap();
    let rows: Vec<Row> = statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let verdicts: Vec<&str> = rows.iter().map(|row| row.0.as_str()).collect();
    assert_eq!(verdicts, ["ALLOW", "ERROR", "MODIFY", "ERROR"]);
    assert!(rows[0].1.is_some() && rows[1].1.is_none() && rows[3].1.is_some());
    assert!(rows.iter().all(|row| row.2.is_some()));
    assert!(rows[1].3.contains("AI_TIMEOUT"));
    assert!(rows[3].3.contains("AI_UNKNOWN_REASON_CODE"));
}
