#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, SYMBOL, spec, venue_orders};
use livespot_domain::{EntryKind, Fallback, PositionState, TrailingMode};
use livespot_execution::fixture::entry_intent;
use livespot_execution::protection::ProtectionOutcome;
use rust_decimal::Decimal;

#[tokio::test]
async fn virtual_trailing_exits_at_market_when_the_price_falls_back_from_its_peak() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let ask = h.ask().await;
    let mut entry = spec(
        "trail-1",
        (ask * Decimal::new(1002, 3)).round_dp(2),
        EntryKind::Ioc,
        Fallback::None,
    );
    entry.trailing_mode = TrailingMode::Virtual;
    let report = engine
        .execute(&entry_intent(&entry).unwrap())
        .await
        .unwrap();
    assert!(
        matches!(report.protection, Some(ProtectionOutcome::Installed { .. })),
        "{report:?}"
    );
    let peak = ask * Decimal::new(102, 2);
    assert!(engine.on_price(SYMBOL, ask).await.unwrap().is_empty());
    assert!(engine.on_price(SYMBOL, peak).await.unwrap().is_empty());
    assert!(
        engine
            .on_price(SYMBOL, peak * Decimal::new(995, 3))
            .await
            .unwrap()
            .is_empty()
    );
    let exits = engine
        .on_price(SYMBOL, peak * Decimal::new(989, 3))
        .await
        .unwrap();
    assert_eq!(exits.len(), 1);
    assert!(
        matches!(exits[0].1, ProtectionOutcome::SafeClosed { .. }),
        "{exits:?}"
    );
    assert_eq!(
        common::position_state(&engine, "trail-1"),
        PositionState::Flat
    );
    assert_nothing_left_open(&h, &engine).await;
}

async fn assert_nothing_left_open(h: &Harness, engine: &livespot_execution::ExecutionEngine) {
    let ours: Vec<String> = engine
        .ledger()
        .orders_for_intent("trail-1")
        .unwrap()
        .into_iter()
        .map(|o| o.client_order_id)
        .collect();
    let state = h.state().await;
    let venue: Vec<_> = venue_orders(&state)
        .into_iter()
        .filter(|o| ours.iter().any(|c| o["clientOrderId"] == c.as_str()))
        .collect();
    assert!(venue.iter().all(|o| o["status"] != "NEW"), "{venue:?}");
    assert!(
        venue
            .iter()
            .any(|o| o["type"] == "MARKET" && o["side"] == "SELL" && o["status"] == "FILLED")
    );
}
