#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, SYMBOL, ioc_intent};
use livespot_binance::rest::enums::{OrderSide, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_domain::{AuditEventType, ReasonCode};
use livespot_execution::reconcile::ReconcileDiff;
use rust_decimal::Decimal;

#[tokio::test]
async fn an_order_placed_outside_livespot_is_reported_as_a_difference() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    engine
        .execute(&ioc_intent(&h, "rec-1").await)
        .await
        .unwrap();
    let clean = engine.reconcile().await.unwrap();
    assert!(clean.diffs.is_empty(), "{:?}", clean.diffs);
    assert!(!clean.drift_exceeded);
    let far_below = (h.bid().await * Decimal::new(8, 1)).round_dp(2);
    let outside = NewOrder::limit(
        SYMBOL,
        OrderSide::Buy,
        Decimal::new(1, 3),
        far_below,
        TimeInForce::Gtc,
    )
    .with_client_order_id("outside-1");
    h.client.place_order(&outside).await.unwrap();
    engine.take_events();
    let report = engine.reconcile().await.unwrap();
    assert!(report.diffs.iter().any(|d| matches!(d, ReconcileDiff::UnknownExchangeOrder { client_order_id, .. } if client_order_id == "outside-1")), "{:?}", report.diffs);
    assert!(report.drift_exceeded);
    assert_eq!(report.reasons, vec![ReasonCode::DriftLimitExceeded]);
    let events = engine.take_events();
    let diff_events: Vec<_> = events
        .iter()
        .filter(|e| e.event_type == AuditEventType::ReconcileDiff)
        .collect();
    assert!(
        diff_events
            .iter()
            .any(|e| e.reason_codes == vec![ReasonCode::ReconcileUnknownExchangeOrder])
    );
    let rest = events
        .iter()
        .find(|e| e.event_type == AuditEventType::ReconcileRest)
        .unwrap();
    assert!(rest.payload_json.contains("duration_ms"));
    assert_eq!(rest.reason_codes, vec![ReasonCode::DriftLimitExceeded]);
}

#[tokio::test]
async fn a_balance_moved_outside_livespot_is_drift() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    engine.reconcile().await.unwrap();
    let body = serde_json::json!({"api_key": common::KEY, "asset": "BTC", "delta": "-0.5"});
    let reply = h
        .http
        .post(format!("{}/admin/balances", h.sim.admin_url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
    let report = engine.reconcile().await.unwrap();
    assert!(
        report
            .diffs
            .iter()
            .any(|d| matches!(d, ReconcileDiff::BalanceDrift { asset, .. } if asset == "BTC")),
        "{:?}",
        report.diffs
    );
    assert!(report.drift_exceeded);
}

#[tokio::test]
async fn a_protection_order_that_disappears_is_reported_and_reinstalled() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    engine
        .execute(&ioc_intent(&h, "lost-1").await)
        .await
        .unwrap();
    let list_id = engine
        .ledger()
        .orders_for_intent("lost-1")
        .unwrap()
        .iter()
        .find_map(|o| o.order_list_id)
        .unwrap();
    h.client
        .cancel_order_list(
            SYMBOL,
            &livespot_binance::rest::requests::OrderRef::OrderId(list_id),
        )
        .await
        .unwrap();
    let report = engine.reconcile().await.unwrap();
    let missing = report
        .diffs
        .iter()
        .filter(|d| matches!(d, ReconcileDiff::LedgerOrderMissing { .. }))
        .count();
    assert_eq!(missing, 2, "{:?}", report.diffs);
    assert_eq!(report.protection_repaired.len(), 1);
    assert!(matches!(
        report.protection_repaired[0].1,
        livespot_execution::protection::ProtectionOutcome::Installed { .. }
    ));
    assert_eq!(
        common::position_state(&engine, "lost-1"),
        livespot_domain::PositionState::Protected
    );
    let open = engine.ledger().open_orders_for_symbol(SYMBOL).unwrap();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|o| o.order_list_id != Some(list_id)));
    let again = engine.reconcile().await.unwrap();
    assert!(again.diffs.is_empty(), "{:?}", again.diffs);
}

#[tokio::test]
async fn an_order_whose_answer_was_lost_is_settled_by_reconciliation_not_reported_as_a_stranger() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    engine
        .execute(&ioc_intent(&h, "lost-answer").await)
        .await
        .unwrap();
    engine.reconcile().await.unwrap();
    let far_below = (h.bid().await * Decimal::new(8, 1)).round_dp(2);
    let order = NewOrder::limit(
        SYMBOL,
        OrderSide::Buy,
        Decimal::new(1, 3),
        far_below,
        TimeInForce::Gtc,
    )
    .with_client_order_id("ls-lost-fallback");
    let row = livespot_execution::send::pending_row(
        "lost-answer",
        livespot_binance::client_order_id::OrderPurpose::Fallback,
        &order,
    );
    let mut ledger = engine.into_ledger();
    ledger.insert_pending_order(&row, 1).unwrap();
    drop(ledger);
    h.client.place_order(&order).await.unwrap();
    let mut engine = h.engine().await;
    let report = engine.reconcile().await.unwrap();
    assert!(report.diffs.is_empty(), "{:?}", report.diffs);
    let settled = engine.ledger().order("ls-lost-fallback").unwrap().unwrap();
    assert_eq!(settled.status.as_str(), "NEW");
    assert!(settled.exchange_order_id.is_some());
}

#[tokio::test]
async fn a_position_left_unprotected_is_protected_by_the_next_reconciliation() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let entry = engine
        .enter(&ioc_intent(&h, "stuck-1").await)
        .await
        .unwrap();
    assert_eq!(
        entry.position,
        Some(livespot_domain::PositionState::OpenUnprotected)
    );
    let report = engine.reconcile().await.unwrap();
    assert!(report.diffs.is_empty(), "{:?}", report.diffs);
    assert_eq!(
        common::position_state(&engine, "stuck-1"),
        livespot_domain::PositionState::Protected
    );
    assert_eq!(
        engine
            .ledger()
            .open_orders_for_symbol(SYMBOL)
            .unwrap()
            .len(),
        2
    );
}
