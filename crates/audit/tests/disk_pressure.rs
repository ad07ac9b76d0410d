#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use common::{count, fresh_writer};
use livespot_audit::{
    DiskSignal, DiskThresholds, DiskWatch, FixedDiskFree, HealthMonitor, QueueConfig, SelfEvents,
    WriterService, audit_db_path, open_read_only, verify_store,
};
use livespot_domain::ReasonCode;

const MIB: u64 = 1024 * 1024;

fn assert_alerts_in_order(var_dir: &std::path::Path) {
    let conn = open_read_only(&audit_db_path(var_dir)).unwrap();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM process_health WHERE source = 'audit'"
        ),
        5
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM process_health WHERE disk_free_bytes = 20 * 1048576"
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM alerts WHERE raised = 1 AND code = 'DISK_LOW_DEGRADE'"
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM alerts WHERE raised = 1 AND code = 'DISK_LOW_PAUSE'"
        ),
        1
    );
    let first_pause: i64 = count(
        &conn,
        "SELECT min(event_id) FROM alerts WHERE code = 'DISK_LOW_PAUSE'",
    );
    let first_degrade: i64 = count(
        &conn,
        "SELECT min(event_id) FROM alerts WHERE code = 'DISK_LOW_DEGRADE'",
    );
    assert!(first_degrade < first_pause);
}

#[tokio::test]
async fn forced_disk_thresholds_raise_degrade_then_pause_and_write_alerts_and_health() {
    let dir = tempfile::tempdir().unwrap();
    let writer = fresh_writer(dir.path());
    let events = SelfEvents::resume(writer.store().connection(), Some("run-7".to_owned())).unwrap();
    let service = WriterService::spawn(writer, QueueConfig::default()).unwrap();
    let handle = service.handle();
    let disk = FixedDiskFree::new(900 * MIB);
    let watch = DiskWatch::new(DiskThresholds::from_mib(512, 64));
    let mut monitor = HealthMonitor::new(
        Box::new(disk.clone()),
        watch,
        audit_db_path(dir.path()),
        events,
    );
    let mut signals = Vec::new();
    for (step, free) in [900, 300, 200, 20, 10].into_iter().enumerate() {
        disk.set(free * MIB);
        let tick = monitor.tick(&handle, 1_764_000_000_000 + i64::try_from(step).unwrap());
        assert_eq!(tick.sample.disk_free_bytes, Some(free * MIB));
        signals.extend(tick.signals);
        handle
            .submit(tick.records)
            .await
            .unwrap()
            .await
            .unwrap()
            .unwrap();
    }
    assert_eq!(
        signals,
        vec![
            DiskSignal::Raise(ReasonCode::DiskLowDegrade),
            DiskSignal::Raise(ReasonCode::DiskLowPause)
        ]
    );
    drop(handle);
    service.shutdown();
    assert_alerts_in_order(dir.path());
    assert!(
        verify_store(&audit_db_path(dir.path()))
            .unwrap()
            .is_intact()
    );
}

#[test]
fn the_os_disk_source_reports_free_space_for_the_store_directory() {
    let dir = tempfile::tempdir().unwrap();
    let free = livespot_audit::DiskFree::free_bytes(&livespot_audit::OsDiskFree, dir.path());
    if cfg!(unix) {
        assert!(free.unwrap() > 0);
    }
}

#[tokio::test]
async fn recovered_disk_space_clears_the_alerts_once() {
    let dir = tempfile::tempdir().unwrap();
    let writer = fresh_writer(dir.path());
    let events = SelfEvents::resume(writer.store().connection(), None).unwrap();
    let service = WriterService::spawn(writer, QueueConfig::default()).unwrap();
    let handle = service.handle();
    let disk = FixedDiskFree::new(10 * MIB);
    let watch = DiskWatch::new(DiskThresholds::from_mib(512, 64));
    let db = audit_db_path(dir.path());
    let mut monitor = HealthMonitor::new(Box::new(disk.clone()), watch, db, events);
    for (step, free) in [10, 900, 900, 900].into_iter().enumerate() {
        disk.set(free * MIB);
        let tick = monitor.tick(&handle, 1_764_000_000_000 + i64::try_from(step).unwrap());
        handle
            .submit(tick.records)
            .await
            .unwrap()
            .await
            .unwrap()
            .unwrap();
    }
    drop(handle);
    service.shutdown();
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    assert_eq!(
        count(&conn, "SELECT count(*) FROM alerts WHERE raised = 1"),
        2
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM alerts WHERE raised = 0"),
        2
    );
    let reader = livespot_audit::AuditReader::open(&audit_db_path(dir.path())).unwrap();
    assert!(reader.active_alerts().unwrap().is_empty());
}
