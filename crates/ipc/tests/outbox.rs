#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

use livespot_domain::{
    AuditEvent, AuditEventType, CorrelationIds, IntentState, OrderIntentId, ProcessRole, ReasonCode,
};
use livespot_ipc::{DedupWindow, DurableMessage, IntentUpdate, Outbox, Payload};

fn audit(ts_ms: i64) -> DurableMessage {
    DurableMessage::AuditEvent(
        AuditEvent::new(
            AuditEventType::AlertRaised,
            ts_ms,
            ProcessRole::Risk,
            CorrelationIds::default(),
        )
        .with_reasons(vec![ReasonCode::RiskDailyLossLimit]),
    )
}

fn intent_update() -> DurableMessage {
    DurableMessage::IntentUpdate(IntentUpdate {
        order_intent_id: OrderIntentId::new("oi-1").unwrap(),
        state: IntentState::SentUnknown,
        client_order_id: None,
        reasons: vec![],
        detail: "timeout".to_owned(),
        ts_ms: 1_764_000_000_000,
    })
}

#[test]
fn unacked_messages_survive_reopening_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = Outbox::path_for(dir.path(), ProcessRole::Risk);
    assert!(path.ends_with("data/outbox-risk.sqlite"));
    let pushed = {
        let mut outbox = Outbox::open(&path, ProcessRole::Risk).unwrap();
        let first = outbox.push(&audit(1_764_000_000_001)).unwrap();
        let second = outbox.push(&intent_update()).unwrap();
        let third = outbox.push(&audit(1_764_000_000_003)).unwrap();
        assert!(outbox.ack(second).unwrap());
        vec![first, third]
    };
    let reopened = Outbox::open_in(dir.path(), ProcessRole::Risk).unwrap();
    let entries = reopened.unacked(100).unwrap();
    assert_eq!(
        entries.iter().map(|entry| entry.seq).collect::<Vec<_>>(),
        pushed
    );
    assert_eq!(entries[0].message, audit(1_764_000_000_001));
    assert_eq!(reopened.pending().unwrap(), 2);
    assert_eq!(reopened.oldest_unacked_seq().unwrap(), Some(pushed[0]));
}

#[test]
fn sequence_numbers_are_never_reused_after_ack_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let last = {
        let mut outbox = Outbox::open_in(dir.path(), ProcessRole::Executor).unwrap();
        let seq = outbox.push(&intent_update()).unwrap();
        assert!(outbox.ack(seq).unwrap());
        assert!(!outbox.ack(seq).unwrap());
        seq
    };
    let mut outbox = Outbox::open_in(dir.path(), ProcessRole::Executor).unwrap();
    assert!(outbox.unacked(10).unwrap().is_empty());
    assert_eq!(outbox.oldest_unacked_seq().unwrap(), None);
    assert!(outbox.push(&intent_update()).unwrap() > last);
}

#[test]
fn entries_become_payloads_carrying_their_seq() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::open_in(dir.path(), ProcessRole::Risk).unwrap();
    let seq = outbox.push(&audit(1_764_000_000_009)).unwrap();
    let entry = outbox.unacked(1).unwrap().remove(0);
    let Payload::AuditEvent {
        seq: carried,
        event,
    } = entry.to_payload()
    else {
        panic!("audit entries travel as AuditEvent payloads");
    };
    assert_eq!(carried, seq);
    assert_eq!(event.ts_ms, 1_764_000_000_009);
}

#[test]
fn resend_after_a_lost_ack_is_dropped_by_the_receiver() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::open_in(dir.path(), ProcessRole::Strategy).unwrap();
    outbox.push(&audit(1_764_000_000_001)).unwrap();
    outbox.push(&audit(1_764_000_000_002)).unwrap();
    let mut receiver = DedupWindow::default();
    let mut stored = Vec::new();
    for _attempt in 0..2 {
        for entry in outbox.unacked(100).unwrap() {
            if receiver.first_delivery(ProcessRole::Strategy, entry.seq) {
                stored.push(entry.seq);
            }
        }
    }
    assert_eq!(stored.len(), 2);
    for seq in &stored {
        outbox.ack(*seq).unwrap();
    }
    assert_eq!(outbox.pending().unwrap(), 0);
}
