mod common;

use common::{fresh_writer, record};
use livespot_audit::{QueueConfig, WriterService};

#[tokio::test]
async fn acks_come_back_per_submission_after_commit() {
    let dir = tempfile::tempdir().unwrap();
    let service = WriterService::spawn(fresh_writer(dir.path()), QueueConfig::default()).unwrap();
    let handle = service.handle();
    let mut receivers = Vec::new();
    for chunk in 0..10u64 {
        let records = (1..=5)
            .map(|i| record("strategy", chunk * 5 + i, "DECISION", "{}"))
            .collect();
        receivers.push(handle.submit(records).await.unwrap());
    }
    let resend = handle
        .submit(vec![record("strategy", 3, "DECISION", "{}")])
        .await
        .unwrap();
    for (chunk, receiver) in receivers.into_iter().enumerate() {
        let acks = receiver.await.unwrap().unwrap();
        let seqs: Vec<u64> = acks.iter().map(|ack| ack.seq).collect();
        let first = chunk as u64 * 5 + 1;
        assert_eq!(seqs, (first..first + 5).collect::<Vec<_>>());
    }
    let duplicate = resend.await.unwrap().unwrap();
    assert!(duplicate[0].duplicate);
    let stats = handle.stats();
    assert_eq!(stats.events_written, 50);
    assert_eq!(stats.duplicates, 1);
    drop(handle);
    service.shutdown();
}

#[tokio::test]
async fn a_full_queue_refuses_and_counts_the_drop() {
    let dir = tempfile::tempdir().unwrap();
    let config = QueueConfig {
        capacity: 16,
        batch_size: 16,
    };
    let service = WriterService::spawn(fresh_writer(dir.path()), config).unwrap();
    let handle = service.handle();
    let too_many = (1..=17)
        .map(|seq| record("risk", seq, "RISK_VERDICT", "{}"))
        .collect();
    let error = handle.try_submit(too_many).unwrap_err();
    assert_eq!(error.reason_code(), "AUDIT_QUEUE_FULL");
    let fits = (1..=16)
        .map(|seq| record("risk", seq, "RISK_VERDICT", "{}"))
        .collect();
    let acks = handle.try_submit(fits).unwrap().await.unwrap().unwrap();
    assert_eq!(acks.len(), 16);
    assert_eq!(handle.stats().drops, 17);
    assert_eq!(handle.queue_pct(), 0);
    drop(handle);
    service.shutdown();
}

#[tokio::test]
async fn duplicates_inside_large_batches_keep_the_chain_exact() {
    let dir = tempfile::tempdir().unwrap();
    let service = WriterService::spawn(fresh_writer(dir.path()), QueueConfig::default()).unwrap();
    let handle = service.handle();
    let first: Vec<_> = (1..=1_000)
        .map(|seq| record("strategy", seq, "DECISION", "{}"))
        .collect();
    handle.submit(first).await.unwrap().await.unwrap().unwrap();
    let mixed: Vec<_> = (1_001..=1_400)
        .chain(500..=520)
        .chain(1_401..=2_000)
        .chain([7, 1_999])
        .chain(2_001..=2_300)
        .map(|seq| record("strategy", seq, "DECISION", "{}"))
        .collect();
    let acks = handle.submit(mixed).await.unwrap().await.unwrap().unwrap();
    assert_eq!(acks.iter().filter(|ack| ack.duplicate).count(), 23);
    assert_eq!(handle.stats().events_written, 2_300);
    drop(handle);
    service.shutdown();
    let report = livespot_audit::verify_store(&livespot_audit::audit_db_path(dir.path())).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events_checked, 2_300);
}
