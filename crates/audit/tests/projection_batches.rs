mod common;

use common::{count, fresh_writer, record};
use livespot_audit::{audit_db_path, open_read_only, verify_store};

#[test]
fn many_events_of_one_type_land_as_matching_projection_rows_and_first_cycle_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let batch: Vec<_> = (1..=101)
        .map(|seq| {
            let payload = format!(r#"{{"symbol":"SYM{seq}","side":"BUY"}}"#);
            record("strategy", seq, "DECISION", &payload)
        })
        .collect();
    writer.write_batch(&batch).unwrap();
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM decisions"), 101);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM decisions d JOIN events e ON e.event_id = d.event_id \
             WHERE d.symbol = json_extract(e.payload_json, '$.symbol') \
             AND d.decision_id = e.decision_id AND d.cycle_id = e.cycle_id"
        ),
        101
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM cycles"),
        count(&conn, "SELECT count(DISTINCT cycle_id) FROM events")
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM cycles c WHERE c.first_event_id = \
             (SELECT min(event_id) FROM events e WHERE e.cycle_id = c.cycle_id)"
        ),
        count(&conn, "SELECT count(*) FROM cycles")
    );
    assert!(
        verify_store(&audit_db_path(dir.path()))
            .unwrap()
            .is_intact()
    );
}

#[test]
fn a_run_that_starts_and_ends_in_one_batch_has_its_end_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = fresh_writer(dir.path());
    let mut batch = vec![record("launch", 1, "RUN_STARTED", r#"{"mode":"SIM"}"#)];
    batch.extend((2..=40).map(|seq| record("launch", seq, "PROCESS_HEALTH", "{}")));
    batch.push(record("launch", 41, "RUN_ENDED", "{}"));
    writer.write_batch(&batch).unwrap();
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM runs WHERE run_id = 'run-1' AND ended_ts_ms IS NOT NULL"
        ),
        1
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM process_health"), 39);
}
