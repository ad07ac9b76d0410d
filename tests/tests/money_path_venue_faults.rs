#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod money_path_support;

use livespot_binance::rest::enums::{OrderSide, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_domain::ReasonCode;
use money_path_support::{SYMBOL, Stack, intents, wait_for};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const OCO_PATH: &str = "/api/v3/orderList/oco";
const ORDER_PATH: &str = "/api/v3/order";

fn posts_to(log: &[Value], path: &str) -> Vec<Value> {
    log.iter()
        .filter(|r| r["method"] == "POST" && r["path"] == path)
        .cloned()
        .collect()
}

fn position_in(stack: &Stack, id: &str, wanted: &[&str]) -> String {
    let ledger = stack.ledger();
    wait_for(&format!("{id} position in {wanted:?}"), || {
        ledger
            .position_state(id)
            .filter(|state| wanted.contains(&state.as_str()))
    })
}

fn audited_with(stack: &Stack, event_type: &str, id: &str, reason: &str) -> usize {
    stack
        .audit_store()
        .rows_for(event_type, id)
        .iter()
        .filter(|row| row.reason_codes.split(',').any(|code| code == reason))
        .count()
}

async fn stack_with_filled_entry_and_refused_protection(id: &str) -> Stack {
    let mut stack = Stack::start(&[
        ("protection_retries", "2"),
        ("protection_retry_backoff_ms", "1000"),
        ("reconcile_interval_ms", "3000"),
    ]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    venue.fault(&json!({"kind": "reject_next", "path": OCO_PATH, "count": 20}));
    let (_, ask) = venue.bid_ask().await;
    risk.submit(&intents::ioc(id, ask)).await;
    stack
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protection_refused_on_every_retry_ends_in_a_safe_close() {
    let stack = stack_with_filled_entry_and_refused_protection("mp-safe-close").await;
    let id = "mp-safe-close";
    assert_eq!(position_in(&stack, id, &["FLAT"]), "FLAT");
    stack
        .executor
        .wait_condition(ReasonCode::ProtectionInstallFailed);
    let log = stack.venue().requests();
    let oco = posts_to(&log, OCO_PATH);
    assert_eq!(oco.len(), 3, "one install and two retries: {oco:?}");
    assert!(oco.iter().all(|r| r["status"] == 400), "{oco:?}");
    let times: Vec<i64> = oco.iter().map(|r| r["time"].as_i64().unwrap()).collect();
    assert!(
        times.windows(2).all(|pair| pair[1] - pair[0] >= 1_000),
        "retries wait protection_retry_backoff_ms: {times:?}"
    );
    let exit = stack
        .ledger()
        .orders_for(id)
        .into_iter()
        .find(|o| o.purpose == "exit")
        .unwrap();
    assert_eq!(
        (exit.side.as_str(), exit.status.as_str()),
        ("SELL", "FILLED")
    );
    let on_venue = stack.venue().orders_with(&exit.client_order_id);
    assert_eq!(on_venue[0]["status"], "FILLED", "{on_venue:?}");
    let last_oco = oco.last().unwrap()["time"].as_i64().unwrap();
    let close = posts_to(&log, ORDER_PATH)
        .into_iter()
        .find(|r| r["client_order_id"] == exit.client_order_id.as_str())
        .unwrap();
    assert!(
        close["time"].as_i64().unwrap() >= last_oco,
        "close after the retries"
    );
    wait_for("safe close audited", || {
        (audited_with(&stack, "POSITION", id, "EXECUTION_SAFE_CLOSE_DONE") == 1).then_some(())
    });
    assert_eq!(
        audited_with(&stack, "ORDER", id, "PROTECTION_INSTALL_FAILED"),
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_safe_close_pauses_for_manual_protection_with_an_alert() {
    let stack = stack_with_filled_entry_and_refused_protection("mp-manual").await;
    let id = "mp-manual";
    let venue = stack.venue();
    wait_for("first protection attempt", || {
        (!posts_to(&venue.requests(), OCO_PATH).is_empty()).then_some(())
    });
    venue.fault(&json!({"kind": "reject_next", "path": ORDER_PATH, "count": 20}));
    let detail = stack
        .executor
        .wait_condition(ReasonCode::PauseNeedsManualProtection);
    assert!(!detail.is_empty());
    wait_for("ALERT_RAISED with PAUSE_NEEDS_MANUAL_PROTECTION", || {
        (audited_with(&stack, "ALERT_RAISED", id, "PAUSE_NEEDS_MANUAL_PROTECTION") == 1)
            .then_some(())
    });
    assert_eq!(audited_with(&stack, "ALERT_RAISED", id, "ALERT_RAISED"), 1);
    let log = venue.requests();
    let sells: Vec<_> = posts_to(&log, ORDER_PATH)
        .into_iter()
        .filter(|r| r["status"] != 200)
        .collect();
    assert!(
        !sells.is_empty(),
        "the close reached the venue and was refused"
    );
    let state = stack.ledger().position_state(id).unwrap();
    assert_ne!(state, "FLAT", "the position is still held");
    assert_ne!(state, "PROTECTED");
    venue.clear_faults();
    assert_eq!(position_in(&stack, id, &["PROTECTED"]), "PROTECTED");
    let open_legs = venue
        .orders()
        .into_iter()
        .filter(|o| o["side"] == "SELL" && o["status"] == "NEW")
        .count();
    assert_eq!(
        open_legs, 2,
        "reconciliation installed the OCO once the venue accepted"
    );
}

fn own_orders_reported(stack: &Stack, id: &str) -> usize {
    let own: Vec<String> = stack
        .ledger()
        .orders_for(id)
        .into_iter()
        .map(|o| o.client_order_id)
        .collect();
    stack
        .audit_store()
        .rows("RECONCILE_DIFF")
        .into_iter()
        .filter(|row| {
            own.iter()
                .any(|coid| row.payload_json.contains(coid.as_str()))
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_placed_outside_livespot_is_reported_by_reconciliation() {
    let mut stack = Stack::start(&[("reconcile_interval_ms", "1000")]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    let (bid, ask) = venue.bid_ask().await;
    risk.submit(&intents::ioc("mp-own", ask)).await;
    assert_eq!(position_in(&stack, "mp-own", &["PROTECTED"]), "PROTECTED");
    let far_below = (bid * Decimal::new(8, 1)).round_dp(2);
    let outside = NewOrder::limit(
        SYMBOL,
        OrderSide::Buy,
        Decimal::new(1, 3),
        far_below,
        TimeInForce::Gtc,
    )
    .with_client_order_id("outside-livespot-1");
    venue.client.place_order(&outside).await.unwrap();
    let audit = stack.audit_store();
    let diff = wait_for("RECONCILE_DIFF for the outside order", || {
        audit
            .rows("RECONCILE_DIFF")
            .into_iter()
            .find(|row| row.payload_json.contains("outside-livespot-1"))
    });
    assert_eq!(
        diff.reason_codes, "RECONCILE_UNKNOWN_EXCHANGE_ORDER",
        "{diff:?}"
    );
    stack
        .executor
        .wait_condition(ReasonCode::DriftLimitExceeded);
    assert_eq!(
        own_orders_reported(&stack, "mp-own"),
        0,
        "the executor's own orders are not differences"
    );
    let drift = wait_for("RECONCILE_REST with the drift and its duration", || {
        audit.rows("RECONCILE_REST").into_iter().find(|row| {
            row.reason_codes.contains("DRIFT_LIMIT_EXCEEDED")
                && row.payload_json.contains("duration_ms")
        })
    });
    assert_eq!(drift.reason_codes, "DRIFT_LIMIT_EXCEEDED");
}
