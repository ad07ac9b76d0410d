#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use common::{GUARD, limits, run_id};
use livespot_domain::{AuditEvent, AuditEventType, CorrelationIds, ProcessRole};
use livespot_ipc::{
    Connection, DedupWindow, DurableMessage, Endpoint, Listener, Outbox, RunSecrets,
    ack_for_durable, acked_seq, connect, durable_seq,
};

async fn within<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(GUARD, future).await.unwrap()
}

fn event(ts_ms: i64) -> DurableMessage {
    DurableMessage::AuditEvent(AuditEvent::new(
        AuditEventType::ProcessStarted,
        ts_ms,
        ProcessRole::Risk,
        CorrelationIds::default(),
    ))
}

async fn send_unacked(outbox: &Outbox, link: &mut Connection) -> usize {
    let entries = outbox.unacked(100).unwrap();
    for entry in &entries {
        link.send(CorrelationIds::default(), entry.to_payload())
            .await
            .unwrap();
    }
    entries.len()
}

async fn receive(
    audit: &mut Connection,
    dedup: &mut DedupWindow,
    stored: &mut Vec<u64>,
    count: usize,
    acknowledge: bool,
) {
    for _ in 0..count {
        let envelope = within(audit.read_envelope()).await.unwrap().unwrap();
        let seq = durable_seq(&envelope.payload).unwrap();
        if dedup.first_delivery(envelope.sender, seq) {
            stored.push(seq);
        }
        if acknowledge {
            let ack = ack_for_durable(envelope.sender, &envelope.payload).unwrap();
            audit.send(CorrelationIds::default(), ack).await.unwrap();
        }
    }
}

async fn apply_acks(outbox: &mut Outbox, link: &mut Connection, count: usize) {
    for _ in 0..count {
        let envelope = within(link.read_envelope()).await.unwrap().unwrap();
        outbox
            .ack(acked_seq(ProcessRole::Risk, &envelope.payload).unwrap())
            .unwrap();
    }
}

#[tokio::test]
async fn unacked_events_are_resent_after_the_receiver_drops_and_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(dir.path(), &run_id(), ProcessRole::Audit);
    let audit_keys = secrets.keys_for(ProcessRole::Audit, &[ProcessRole::Risk]);
    let mut listener = Listener::bind(
        endpoint.clone(),
        vec![ProcessRole::Risk],
        audit_keys,
        limits(),
    )
    .unwrap();
    let risk_keys = secrets.keys_for(ProcessRole::Risk, &[]);
    let mut outbox = Outbox::open_in(dir.path(), ProcessRole::Risk).unwrap();
    for ts in 1..=3 {
        outbox.push(&event(1_764_000_000_000 + ts)).unwrap();
    }
    let mut dedup = DedupWindow::default();
    let mut stored = Vec::new();
    let mut link = within(connect(&endpoint, &risk_keys, limits()))
        .await
        .unwrap();
    let mut audit = within(listener.accept()).await.unwrap();
    let sent = send_unacked(&outbox, &mut link).await;
    receive(&mut audit, &mut dedup, &mut stored, sent, false).await;
    drop(audit);
    drop(link);
    assert_eq!(outbox.pending().unwrap(), 3);
    let mut link = within(connect(&endpoint, &risk_keys, limits()))
        .await
        .unwrap();
    let mut audit = within(listener.accept()).await.unwrap();
    let resent = send_unacked(&outbox, &mut link).await;
    receive(&mut audit, &mut dedup, &mut stored, resent, true).await;
    apply_acks(&mut outbox, &mut link, resent).await;
    assert_eq!(stored.len(), 3);
    assert_eq!(outbox.pending().unwrap(), 0);
}
