#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, SYMBOL, ioc_intent, venue_orders};
use livespot_domain::PositionState;
use livespot_execution::protection::ProtectionOutcome;
use rust_decimal::Decimal;
use serde_json::json;

fn oco_posts(log: &[serde_json::Value]) -> usize {
    log.iter()
        .filter(|r| r["path"] == "/api/v3/orderList/oco")
        .count()
}

fn open_on_venue(state: &serde_json::Value) -> usize {
    venue_orders(state)
        .iter()
        .filter(|o| {
            o["symbol"] == SYMBOL && (o["status"] == "NEW" || o["status"] == "PARTIALLY_FILLED")
        })
        .count()
}

#[tokio::test]
async fn an_oco_whose_answer_is_lost_is_found_by_its_list_id_not_placed_twice() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    h.fault(json!({"kind": "execute_then_unknown", "path": "/api/v3/orderList/oco"}))
        .await;
    let report = engine
        .execute(&ioc_intent(&h, "oco-lost").await)
        .await
        .unwrap();
    assert!(
        matches!(
            report.protection,
            Some(ProtectionOutcome::Installed { attempts: 1, .. })
        ),
        "{report:?}"
    );
    assert_eq!(oco_posts(&h.requests().await), 1);
    assert_eq!(open_on_venue(&h.state().await), 2);
}

#[tokio::test]
async fn native_trailing_installs_a_trailing_take_profit_with_the_stop_below() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let ask = h.ask().await;
    let mut entry = common::spec(
        "native-1",
        (ask * Decimal::new(1002, 3)).round_dp(2),
        livespot_domain::EntryKind::Ioc,
        livespot_domain::Fallback::None,
    );
    entry.trailing_mode = livespot_domain::TrailingMode::Native;
    let report = engine
        .execute(&livespot_execution::fixture::entry_intent(&entry).unwrap())
        .await
        .unwrap();
    let Some(ProtectionOutcome::Installed {
        client_order_ids, ..
    }) = report.protection
    else {
        panic!("{report:?}");
    };
    assert_eq!(client_order_ids.len(), 2);
    let state = h.state().await;
    let legs: Vec<_> = venue_orders(&state)
        .into_iter()
        .filter(|o| {
            client_order_ids
                .iter()
                .any(|id| o["clientOrderId"] == id.as_str())
        })
        .collect();
    let take_profit = legs.iter().find(|o| o["type"] == "TAKE_PROFIT").unwrap();
    assert_eq!(take_profit["side"], "SELL");
    assert_eq!(take_profit["trailingDelta"], 100, "{take_profit}");
    let stop = legs
        .iter()
        .find(|o| o["type"] == "STOP_LOSS_LIMIT")
        .unwrap();
    assert!(stop.get("trailingDelta").is_none(), "{stop}");
    assert_eq!(
        common::position_state(&engine, "native-1"),
        PositionState::Protected
    );
    assert_legs_named_by_purpose(&engine, "native-1");
}

fn assert_legs_named_by_purpose(engine: &livespot_execution::ExecutionEngine, id: &str) {
    let purposes: Vec<String> = engine
        .ledger()
        .orders_for_intent(id)
        .unwrap()
        .into_iter()
        .map(|order| order.purpose)
        .collect();
    assert!(purposes.iter().any(|p| p == "take_profit"), "{purposes:?}");
    assert!(purposes.iter().any(|p| p == "stop_loss"), "{purposes:?}");
}

#[tokio::test]
async fn a_position_paused_for_manual_protection_is_protected_once_the_venue_accepts_again() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    engine
        .enter(&ioc_intent(&h, "retry-1").await)
        .await
        .unwrap();
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/orderList/oco", "count": 10}))
        .await;
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/order", "count": 10}))
        .await;
    let paused = engine.protect("retry-1").await.unwrap();
    assert!(
        matches!(paused, ProtectionOutcome::PauseNeedsManualProtection { .. }),
        "{paused:?}"
    );
    h.clear_faults().await;
    let report = engine.reconcile().await.unwrap();
    assert!(report.diffs.is_empty(), "{:?}", report.diffs);
    assert_eq!(
        common::position_state(&engine, "retry-1"),
        PositionState::Protected
    );
    assert_eq!(open_on_venue(&h.state().await), 2);
}
