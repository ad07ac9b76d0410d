#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, ioc_intent, order_posts_with, venue_orders_with};
use livespot_domain::{IntentState, PositionState};
use serde_json::json;

async fn unknown_entry_is_looked_up_not_resent(fault: serde_json::Value, id: &str) {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let intent = ioc_intent(&h, id).await;
    h.fault(fault).await;
    let report = engine.enter(&intent).await.unwrap();
    let record = engine.ledger().intent(id).unwrap();
    let coid = record.client_order_id.as_str().to_owned();
    assert_eq!(
        engine.ledger().intent_history(id).unwrap(),
        vec![
            IntentState::Created,
            IntentState::Sent,
            IntentState::SentUnknown,
            IntentState::Confirmed
        ]
    );
    assert_eq!(venue_orders_with(&h.state().await, &coid).len(), 1);
    assert_eq!(
        order_posts_with(&h.requests().await, &coid),
        1,
        "never resent blindly"
    );
    assert_eq!(report.intent_state, IntentState::Confirmed);
    assert_eq!(report.position, Some(PositionState::OpenUnprotected));
    assert!(report.filled_qty > rust_decimal::Decimal::ZERO);
}

#[tokio::test]
async fn execute_then_drop_on_entry_is_confirmed_by_lookup_with_one_venue_order() {
    unknown_entry_is_looked_up_not_resent(
        json!({"kind": "execute_then_drop", "path": "/api/v3/order"}),
        "drop-1",
    )
    .await;
}

#[tokio::test]
async fn execution_status_unknown_1007_is_confirmed_by_lookup_with_one_venue_order() {
    unknown_entry_is_looked_up_not_resent(
        json!({"kind": "execute_then_unknown", "path": "/api/v3/order"}),
        "unk-1",
    )
    .await;
}

#[tokio::test]
async fn http_503_on_entry_is_confirmed_by_lookup_with_one_venue_order() {
    unknown_entry_is_looked_up_not_resent(
        json!({"kind": "execute_then_503", "path": "/api/v3/order"}),
        "busy-1",
    )
    .await;
}

#[tokio::test]
async fn not_found_intent_is_resent_with_the_same_client_order_id() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let intent = ioc_intent(&h, "nf-1").await;
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/order", "code": -1007, "count": 1}))
        .await;
    let report = engine.enter(&intent).await.unwrap();
    let coid = engine
        .ledger()
        .intent("nf-1")
        .unwrap()
        .client_order_id
        .as_str()
        .to_owned();
    assert_eq!(
        engine.ledger().intent_history("nf-1").unwrap(),
        vec![
            IntentState::Created,
            IntentState::Sent,
            IntentState::SentUnknown,
            IntentState::NotFound,
            IntentState::Sent,
            IntentState::Confirmed
        ]
    );
    assert_eq!(
        order_posts_with(&h.requests().await, &coid),
        2,
        "same clientOrderId on the re-send"
    );
    assert_eq!(venue_orders_with(&h.state().await, &coid).len(), 1);
    assert_eq!(report.intent_state, IntentState::Confirmed);
}

#[tokio::test]
async fn a_confirmed_intent_cannot_be_sent_again() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let intent = ioc_intent(&h, "once-1").await;
    engine.enter(&intent).await.unwrap();
    let again = engine.send_intent("once-1").await.unwrap_err();
    assert_eq!(
        again.reason_code(),
        livespot_domain::ReasonCode::IntentTransitionForbidden
    );
    let duplicate = engine.execute(&intent).await.unwrap_err();
    assert!(
        matches!(
            duplicate,
            livespot_execution::ExecutionError::Ledger(
                livespot_execution::LedgerError::IntentDuplicate(_)
            )
        ),
        "{duplicate:?}"
    );
    let refused = engine.resend_not_found("once-1").await.unwrap_err();
    assert_eq!(
        refused.reason_code(),
        livespot_domain::ReasonCode::IntentTransitionForbidden
    );
    let coid = engine
        .ledger()
        .intent("once-1")
        .unwrap()
        .client_order_id
        .as_str()
        .to_owned();
    assert_eq!(order_posts_with(&h.requests().await, &coid), 1);
}

#[tokio::test]
async fn a_protect_intent_is_refused_without_touching_the_ledger_or_the_venue() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let mut intent = ioc_intent(&h, "protect-1").await;
    intent.kind = livespot_domain::IntentKind::Protect;
    intent.side = livespot_domain::Side::Sell;
    intent.reduce_only = true;
    intent.entry_plan = None;
    let refused = engine.execute(&intent).await.unwrap_err();
    assert_eq!(
        refused.reason_code(),
        livespot_domain::ReasonCode::ContractPlanUnexpected
    );
    assert!(engine.ledger().find_intent("protect-1").unwrap().is_none());
    assert!(
        h.requests()
            .await
            .iter()
            .all(|r| r["path"] != "/api/v3/order")
    );
}
