#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use std::collections::BTreeMap;

use common::{Harness, ioc_intent, venue_orders, venue_orders_with};
use livespot_domain::{IntentState, PositionState};
use livespot_execution::reconcile::ReconcileDiff;

async fn no_client_order_id_twice_and_no_stranger(
    h: &Harness,
    engine: &mut livespot_execution::ExecutionEngine,
) {
    let mut per_coid: BTreeMap<String, usize> = BTreeMap::new();
    for order in venue_orders(&h.state().await) {
        *per_coid
            .entry(order["clientOrderId"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert!(per_coid.values().all(|n| *n == 1), "{per_coid:?}");
    let report = engine.reconcile().await.unwrap();
    assert!(
        !report
            .diffs
            .iter()
            .any(|d| matches!(d, ReconcileDiff::UnknownExchangeOrder { .. })),
        "{:?}",
        report.diffs
    );
}

#[tokio::test]
async fn restart_right_after_the_created_write_sends_nothing_and_fails_the_stale_intent() {
    let h = Harness::start().await;
    let intent = ioc_intent(&h, "crash-created").await;
    let mut engine = h.engine().await;
    let record = engine.accept_intent(&intent).unwrap();
    drop(engine);
    let mut engine = h.engine().await;
    let report = engine.recover_at_start().await.unwrap();
    assert_eq!(
        report.resolved,
        vec![("crash-created".to_owned(), IntentState::FailedTerminal)]
    );
    assert!(venue_orders_with(&h.state().await, record.client_order_id.as_str()).is_empty());
    assert_eq!(
        common::position_state(&engine, "crash-created"),
        PositionState::Flat
    );
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}

#[tokio::test]
async fn restart_right_after_the_send_confirms_by_lookup_and_protects_the_position() {
    let h = Harness::start().await;
    let intent = ioc_intent(&h, "crash-sent").await;
    let mut engine = h.engine().await;
    engine.accept_intent(&intent).unwrap();
    let prepared = engine.prepare_send("crash-sent").await.unwrap();
    h.client.place_order(&prepared.order).await.unwrap();
    drop(engine);
    let mut engine = h.engine().await;
    let report = engine.recover_at_start().await.unwrap();
    assert_eq!(
        report.resolved,
        vec![("crash-sent".to_owned(), IntentState::Confirmed)]
    );
    assert_eq!(
        engine.ledger().intent_history("crash-sent").unwrap(),
        vec![
            IntentState::Created,
            IntentState::Sent,
            IntentState::SentUnknown,
            IntentState::Confirmed
        ]
    );
    let position = engine.ledger().position("crash-sent").unwrap().unwrap();
    assert_eq!(position.state, PositionState::Protected);
    let coid = prepared.order.new_client_order_id.clone().unwrap();
    assert_eq!(venue_orders_with(&h.state().await, &coid).len(), 1);
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}

#[tokio::test]
async fn two_intents_across_a_restart_never_share_a_client_order_id() {
    let h = Harness::start().await;
    let first = ioc_intent(&h, "pair-1").await;
    let second = ioc_intent(&h, "pair-2").await;
    let mut engine = h.engine().await;
    engine.execute(&first).await.unwrap();
    engine.accept_intent(&second).unwrap();
    drop(engine);
    let mut engine = h.engine().await;
    engine.recover_at_start().await.unwrap();
    assert_ne!(
        engine.ledger().intent("pair-1").unwrap().client_order_id,
        engine.ledger().intent("pair-2").unwrap().client_order_id
    );
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}

#[tokio::test]
async fn restart_after_the_fill_but_before_protection_protects_the_position() {
    let h = Harness::start().await;
    let intent = ioc_intent(&h, "crash-filled").await;
    let mut engine = h.engine().await;
    let entry = engine.enter(&intent).await.unwrap();
    assert_eq!(entry.position, Some(PositionState::OpenUnprotected));
    drop(engine);
    let mut engine = h.engine().await;
    let report = engine.recover_at_start().await.unwrap();
    assert!(report.resolved.is_empty());
    assert_eq!(report.positions_finished, vec!["crash-filled".to_owned()]);
    assert_eq!(
        common::position_state(&engine, "crash-filled"),
        PositionState::Protected
    );
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}

#[tokio::test]
async fn restart_in_the_middle_of_a_safe_close_that_never_left_protects_the_position() {
    let h = Harness::start().await;
    let intent = ioc_intent(&h, "crash-exiting").await;
    let mut engine = h.engine().await;
    let entry = engine.enter(&intent).await.unwrap();
    let mut ledger = engine.into_ledger();
    ledger
        .advance_position(
            "crash-exiting",
            common::SYMBOL,
            PositionState::start_exit,
            entry.net_qty,
            1,
        )
        .unwrap();
    drop(ledger);
    let mut engine = h.engine().await;
    engine.recover_at_start().await.unwrap();
    assert_eq!(
        common::position_state(&engine, "crash-exiting"),
        PositionState::Protected
    );
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}

#[tokio::test]
async fn restart_after_the_one_transaction_write_and_the_send_recovers_the_intent() {
    let h = Harness::start().await;
    let intent = ioc_intent(&h, "crash-hot").await;
    let mut engine = h.engine().await;
    let prepared = engine.accept_and_prepare(&intent).await.unwrap();
    assert_eq!(
        engine.ledger().intent("crash-hot").unwrap().state,
        IntentState::Sent
    );
    h.client.place_order(&prepared.order).await.unwrap();
    drop(engine);
    let mut engine = h.engine().await;
    let report = engine.recover_at_start().await.unwrap();
    assert_eq!(
        report.resolved,
        vec![("crash-hot".to_owned(), IntentState::Confirmed)]
    );
    assert_eq!(
        common::position_state(&engine, "crash-hot"),
        PositionState::Protected
    );
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}

#[tokio::test]
async fn restart_after_the_write_but_before_the_send_finds_nothing_and_sends_nothing() {
    let h = Harness::start().await;
    let intent = ioc_intent(&h, "crash-unsent").await;
    let mut engine = h.engine().await;
    let prepared = engine.accept_and_prepare(&intent).await.unwrap();
    drop(engine);
    let mut engine = h.engine().await;
    let report = engine.recover_at_start().await.unwrap();
    assert_eq!(
        report.resolved,
        vec![("crash-unsent".to_owned(), IntentState::NotFound)]
    );
    assert_eq!(
        common::position_state(&engine, "crash-unsent"),
        PositionState::Flat
    );
    let coid = prepared.order.new_client_order_id.unwrap();
    assert!(
        venue_orders_with(&h.state().await, &coid).is_empty(),
        "a NOT_FOUND intent is not re-sent after a restart"
    );
    no_client_order_id_twice_and_no_stranger(&h, &mut engine).await;
}
