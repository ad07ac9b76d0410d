mod common;

use common::record;
use livespot_audit::{
    AuditWriter, CheckpointPolicy, QueueConfig, WriterService, audit_db_path, file_bytes,
    migrate_store, wal_path,
};

const TRUNCATE_ABOVE_BYTES: u64 = 512 * 1024;

#[tokio::test]
async fn the_writer_service_keeps_the_wal_bounded_through_its_checkpoint_thread() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = audit_db_path(dir.path());
    migrate_store(&db_path).unwrap();
    let db_bytes_before = file_bytes(&db_path);
    let policy = CheckpointPolicy {
        passive_above_bytes: 128 * 1024,
        truncate_above_bytes: TRUNCATE_ABOVE_BYTES,
        periodic: None,
    };
    let writer = AuditWriter::open(dir.path(), policy).unwrap();
    let config = QueueConfig {
        capacity: 1000,
        batch_size: 500,
    };
    let service = WriterService::spawn(writer, config).unwrap();
    let handle = service.handle();
    let payload = format!(r#"{{"symbol":"BTCUSDT","note":"{}"}}"#, "x".repeat(1000));
    for chunk in 0..20_u64 {
        let records = (1..=500)
            .map(|i| record("strategy", chunk * 500 + i, "DECISION", &payload))
            .collect();
        handle
            .submit(records)
            .await
            .unwrap()
            .await
            .unwrap()
            .unwrap();
    }
    assert_eq!(handle.stats().events_written, 10_000);
    let bounded = wal_bounded_within(&db_path, CHECKPOINT_WAIT_ROUNDS).await;
    let db_grew = file_bytes(&db_path) > db_bytes_before + 8 * 1024 * 1024;
    drop(handle);
    service.shutdown();
    assert!(bounded, "WAL still above {TRUNCATE_ABOVE_BYTES} bytes");
    assert!(
        db_grew,
        "checkpoints never copied pages into the database file"
    );
}

const CHECKPOINT_WAIT_ROUNDS: u32 = 200;

async fn wal_bounded_within(db_path: &std::path::Path, rounds: u32) -> bool {
    for _ in 0..rounds {
        if file_bytes(&wal_path(db_path)) <= TRUNCATE_ABOVE_BYTES {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    false
}
