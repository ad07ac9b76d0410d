#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, fast_policy, spec, venue_orders};
use livespot_domain::{EntryKind, Fallback, IntentState, OrderIntent, PositionState, ReasonCode};
use livespot_execution::ExecutionPolicy;
use livespot_execution::fixture::entry_intent;
use rust_decimal::Decimal;
use serde_json::{Value, json};

async fn resting_maker(h: &Harness, id: &str, fallback: Fallback) -> OrderIntent {
    let bid = h.bid().await;
    let mut entry = spec(
        id,
        (bid * Decimal::new(95, 2)).round_dp(2),
        EntryKind::MakerFirst { ttl_ms: 300 },
        fallback,
    );
    entry.take_profit = (h.ask().await * Decimal::new(105, 2)).round_dp(2);
    entry.stop_loss = (bid * Decimal::new(90, 2)).round_dp(2);
    entry_intent(&entry).unwrap()
}

async fn intent_orders(
    h: &Harness,
    engine: &livespot_execution::ExecutionEngine,
    id: &str,
) -> Vec<Value> {
    let ours: Vec<String> = engine
        .ledger()
        .orders_for_intent(id)
        .unwrap()
        .into_iter()
        .map(|o| o.client_order_id)
        .collect();
    venue_orders(&h.state().await)
        .into_iter()
        .filter(|o| ours.iter().any(|c| o["clientOrderId"] == c.as_str()))
        .collect()
}

#[tokio::test]
async fn maker_ttl_expiry_cancels_and_falls_back_to_market() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let report = engine
        .execute(&resting_maker(&h, "ttl-market", Fallback::Market).await)
        .await
        .unwrap();
    assert!(
        report
            .entry
            .reasons
            .contains(&ReasonCode::ExecutionEntryTtlExpired)
    );
    assert!(report.entry.fallback_used);
    assert!(report.entry.filled_qty > Decimal::ZERO);
    let orders = intent_orders(&h, &engine, "ttl-market").await;
    let types: Vec<(&str, &str)> = orders
        .iter()
        .map(|o| (o["type"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect();
    assert!(types.contains(&("LIMIT_MAKER", "CANCELED")), "{types:?}");
    assert!(types.contains(&("MARKET", "FILLED")), "{types:?}");
    assert_eq!(
        common::position_state(&engine, "ttl-market"),
        PositionState::Protected
    );
}

#[tokio::test]
async fn maker_ttl_expiry_with_ioc_fallback_stays_within_slippage() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let report = engine
        .execute(&resting_maker(&h, "ttl-ioc", Fallback::Ioc).await)
        .await
        .unwrap();
    assert!(report.entry.fallback_used);
    let orders = intent_orders(&h, &engine, "ttl-ioc").await;
    let ioc = orders.iter().find(|o| o["timeInForce"] == "IOC").unwrap();
    let price: Decimal = ioc["price"].as_str().unwrap().parse().unwrap();
    let limit = engine.ledger().intent("ttl-ioc").unwrap().price.unwrap();
    assert!(
        price <= limit * Decimal::new(10_030, 4),
        "{price} vs {limit}"
    );
    assert_eq!(
        report.entry.filled_qty,
        Decimal::ZERO,
        "an IOC below the market fills nothing"
    );
    assert_eq!(
        common::position_state(&engine, "ttl-ioc"),
        PositionState::Flat
    );
}

#[tokio::test]
async fn maker_ttl_expiry_without_fallback_ends_flat_with_nothing_open() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let report = engine
        .execute(&resting_maker(&h, "ttl-none", Fallback::None).await)
        .await
        .unwrap();
    assert!(!report.entry.fallback_used);
    assert_eq!(report.entry.position, Some(PositionState::Flat));
    let orders = intent_orders(&h, &engine, "ttl-none").await;
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["status"], "CANCELED");
}

#[tokio::test]
async fn churn_limit_holds_back_the_fallback() {
    let h = Harness::start().await;
    let policy = ExecutionPolicy {
        max_orders_per_10s: 1,
        max_orders_per_60s: 1,
        ..fast_policy()
    };
    let mut engine = h.engine_with(policy).await;
    let report = engine
        .execute(&resting_maker(&h, "churn-1", Fallback::Market).await)
        .await
        .unwrap();
    assert!(
        report
            .entry
            .reasons
            .contains(&ReasonCode::ExecutionChurnLimit),
        "{:?}",
        report.entry.reasons
    );
    assert!(!report.entry.fallback_used);
    assert_eq!(intent_orders(&h, &engine, "churn-1").await.len(), 1);
    let now = livespot_domain::Clock::now_ms(&livespot_domain::SystemClock);
    assert!(engine.churn().counts(now).last_10s <= 1);
}

#[tokio::test]
async fn lost_place_and_cancel_answers_still_leave_ledger_and_venue_agreeing() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let intent = resting_maker(&h, "race-1", Fallback::None).await;
    h.fault(json!({"kind": "execute_then_drop", "path": "/api/v3/order", "count": 2}))
        .await;
    let report = engine.execute(&intent).await.unwrap();
    assert_eq!(
        engine.ledger().intent_history("race-1").unwrap(),
        vec![
            IntentState::Created,
            IntentState::Sent,
            IntentState::SentUnknown,
            IntentState::Confirmed
        ]
    );
    let venue = intent_orders(&h, &engine, "race-1").await;
    assert_eq!(venue.len(), 1);
    let ledger = engine.ledger().orders_for_intent("race-1").unwrap();
    let placed: Vec<_> = ledger
        .iter()
        .filter(|o| o.exchange_order_id.is_some())
        .collect();
    assert_eq!(placed.len(), 1);
    assert_eq!(
        venue[0]["status"].as_str().unwrap(),
        placed[0].status.as_str()
    );
    assert_eq!(placed[0].status.as_str(), "CANCELED");
    assert_eq!(report.entry.position, Some(PositionState::Flat));
}

#[tokio::test]
async fn a_maker_order_that_would_take_is_repriced_at_the_touch() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let ask = h.ask().await;
    let mut entry = spec(
        "take-1",
        (ask * Decimal::new(1002, 3)).round_dp(2),
        EntryKind::MakerFirst { ttl_ms: 300 },
        Fallback::None,
    );
    entry.take_profit = (ask * Decimal::new(105, 2)).round_dp(2);
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/ticker/bookTicker", "count": 1}))
        .await;
    let report = engine
        .execute(&entry_intent(&entry).unwrap())
        .await
        .unwrap();
    assert_eq!(report.entry.intent_state, IntentState::Confirmed);
    let ledger = engine.ledger().orders_for_intent("take-1").unwrap();
    assert_eq!(ledger[0].status.as_str(), "REJECTED", "{ledger:?}");
    assert!(ledger[0].exchange_order_id.is_none());
    let repriced = &ledger[1];
    assert!(
        repriced.price.unwrap() < ledger[0].price.unwrap(),
        "the repriced maker order must sit below the price that would take: {ledger:?}"
    );
    assert!(engine.events().iter().any(|e| {
        e.reason_codes
            .contains(&ReasonCode::ExecutionEntryWouldTake)
    }));
    let venue: Vec<Value> = intent_orders(&h, &engine, "take-1")
        .await
        .into_iter()
        .filter(|o| o["side"] == "BUY")
        .collect();
    assert_eq!(
        venue.len(),
        1,
        "only the re-priced order reached the book: {venue:?}"
    );
    assert_eq!(
        venue[0]["clientOrderId"].as_str().unwrap(),
        repriced.client_order_id
    );
}
