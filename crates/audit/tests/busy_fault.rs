mod common;

use common::{fresh_writer, record};
use livespot_audit::{QueueConfig, WriterService, audit_db_path};

#[tokio::test]
async fn a_locked_store_raises_sqlite_busy_without_acking_and_recovers_without_looping() {
    let dir = tempfile::tempdir().unwrap();
    let service = WriterService::spawn(fresh_writer(dir.path()), QueueConfig::default()).unwrap();
    let handle = service.handle();
    let mut faults = handle.faults();
    let blocker = rusqlite::Connection::open(audit_db_path(dir.path())).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let refused = handle
        .submit(vec![record("risk", 1, "RISK_VERDICT", "{}")])
        .await
        .unwrap();
    let error = refused.await.unwrap().unwrap_err();
    assert_eq!(error.reason_code(), "AUDIT_SQLITE_BUSY");
    faults.changed().await.unwrap();
    assert_eq!(
        faults
            .borrow_and_update()
            .as_ref()
            .map(livespot_audit::AuditError::reason_code),
        Some("AUDIT_SQLITE_BUSY")
    );
    assert_eq!(handle.stats().write_errors, 1);
    assert_eq!(handle.stats().events_written, 0);
    blocker.execute_batch("COMMIT").unwrap();
    let resent = handle
        .submit(vec![record("risk", 1, "RISK_VERDICT", "{}")])
        .await
        .unwrap();
    let acks = resent.await.unwrap().unwrap();
    assert!(!acks[0].duplicate);
    faults.changed().await.unwrap();
    assert!(faults.borrow_and_update().is_none());
    assert_eq!(handle.stats().write_errors, 1);
    drop(handle);
    service.shutdown();
}
