#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod money_path_support;

use livespot_domain::Fallback;
use money_path_support::stores::LedgerOrder;
use money_path_support::venue::{decimal, max_in_any_window, order_placements};
use money_path_support::{Stack, intents, wait_for};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const TTL_MS: u64 = 1_000;

fn settled(stack: &Stack, id: &str, wanted: &[&str]) -> String {
    let ledger = stack.ledger();
    wait_for(&format!("{id} position in {wanted:?}"), || {
        ledger
            .position_state(id)
            .filter(|state| wanted.contains(&state.as_str()))
    })
}

fn venue_twin(stack: &Stack, order: &LedgerOrder) -> Value {
    let found = stack.venue().orders_with(&order.client_order_id);
    assert_eq!(found.len(), 1, "{order:?}: {found:?}");
    found[0].clone()
}

fn entry_reasons(stack: &Stack, id: &str) -> String {
    let audit = stack.audit_store();
    wait_for(&format!("{id} entry reasons in the audit store"), || {
        audit
            .rows_for("POSITION", id)
            .into_iter()
            .find(|row| !row.reason_codes.is_empty())
            .map(|row| format!("{} {}", row.reason_codes, row.payload_json))
    })
}

fn placements_in_busiest_10s(stack: &Stack) -> usize {
    let log = stack.venue().requests();
    let times: Vec<i64> = order_placements(&log)
        .iter()
        .map(|r| r["time"].as_i64().unwrap())
        .collect();
    max_in_any_window(&times, 10_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maker_ttl_expiry_falls_back_to_market_and_churn_stays_inside_its_limit() {
    let mut stack = Stack::start(&[
        ("max_orders_per_10s", "3"),
        ("max_orders_per_60s", "3"),
        ("max_open_orders", "3"),
    ]);
    let mut risk = stack.risk().await;
    let book = stack.venue().bid_ask().await;
    let id = "mp-ttl-market";
    risk.submit(&intents::resting_maker(id, book, TTL_MS, Fallback::Market))
        .await;
    assert_eq!(settled(&stack, id, &["PROTECTED"]), "PROTECTED");
    let orders = stack.ledger().orders_for(id);
    let maker = orders.iter().find(|o| o.purpose == "entry").unwrap();
    let fallback = orders.iter().find(|o| o.purpose == "fallback").unwrap();
    assert_eq!(
        (maker.order_type.as_str(), maker.status.as_str()),
        ("LIMIT_MAKER", "CANCELED")
    );
    assert_eq!(
        (fallback.order_type.as_str(), fallback.status.as_str()),
        ("MARKET", "FILLED")
    );
    let maker_venue = venue_twin(&stack, maker);
    assert_eq!(
        (maker_venue["type"].clone(), maker_venue["status"].clone()),
        (json!("LIMIT_MAKER"), json!("CANCELED"))
    );
    let fallback_venue = venue_twin(&stack, fallback);
    assert_eq!(fallback_venue["status"], "FILLED", "{fallback_venue}");
    assert_eq!(decimal(&fallback_venue["executedQty"]), intents::quantity());
    let reasons = entry_reasons(&stack, id);
    assert!(reasons.contains("EXECUTION_ENTRY_TTL_EXPIRED"), "{reasons}");
    assert!(reasons.contains("\"fallback_used\":true"), "{reasons}");
    let busiest = placements_in_busiest_10s(&stack);
    assert!(busiest <= 3, "{busiest} placements in 10 s, limit 3");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maker_ttl_expiry_falls_back_to_an_ioc_capped_by_the_slippage_limit() {
    let mut stack = Stack::start(&[]);
    let mut risk = stack.risk().await;
    let book = stack.venue().bid_ask().await;
    let id = "mp-ttl-ioc";
    let intent = intents::resting_maker(id, book, TTL_MS, Fallback::Ioc);
    let limit = intent.limit_price.unwrap().value();
    risk.submit(&intent).await;
    assert_eq!(settled(&stack, id, &["FLAT", "PROTECTED"]), "FLAT");
    let orders = stack.ledger().orders_for(id);
    let fallback = orders.iter().find(|o| o.purpose == "fallback").unwrap();
    let ioc = venue_twin(&stack, fallback);
    assert_eq!(
        (ioc["type"].clone(), ioc["timeInForce"].clone()),
        (json!("LIMIT"), json!("IOC"))
    );
    let cap = limit * Decimal::new(10_030, 4);
    assert!(decimal(&ioc["price"]) <= cap, "{ioc} above {cap}");
    assert_eq!(
        ioc["status"], "EXPIRED",
        "an IOC below the market fills nothing: {ioc}"
    );
    assert_eq!(fallback.status, "EXPIRED");
    let maker = orders.iter().find(|o| o.purpose == "entry").unwrap();
    assert_eq!(venue_twin(&stack, maker)["status"], "CANCELED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn churn_limit_holds_back_the_fallback_after_a_maker_ttl_expiry() {
    let mut stack = Stack::start(&[
        ("max_orders_per_10s", "1"),
        ("max_orders_per_60s", "1"),
        ("max_open_orders", "1"),
    ]);
    let mut risk = stack.risk().await;
    let book = stack.venue().bid_ask().await;
    let id = "mp-churn";
    risk.submit(&intents::resting_maker(id, book, TTL_MS, Fallback::Market))
        .await;
    assert_eq!(settled(&stack, id, &["FLAT", "PROTECTED"]), "FLAT");
    let orders = stack.ledger().orders_for(id);
    assert_eq!(orders.len(), 1, "no fallback was placed: {orders:?}");
    assert_eq!(venue_twin(&stack, &orders[0])["status"], "CANCELED");
    assert_eq!(placements_in_busiest_10s(&stack), 1);
    let reasons = entry_reasons(&stack, id);
    assert!(reasons.contains("EXECUTION_ENTRY_TTL_EXPIRED"), "{reasons}");
    assert!(reasons.contains("EXECUTION_CHURN_LIMIT"), "{reasons}");
}

fn audited_buy_fills(stack: &Stack, id: &str) -> Decimal {
    stack
        .audit_store()
        .rows_for("FILL", id)
        .iter()
        .map(|row| serde_json::from_str::<Value>(&row.payload_json).unwrap())
        .filter(|fill| fill["is_buyer"] == true)
        .map(|fill| decimal(&fill["qty"]))
        .sum()
}

fn ledger_and_venue_buys_agree(stack: &Stack, orders: &[LedgerOrder]) -> (Decimal, Decimal) {
    let venue = stack.venue();
    let mut ledger_filled = Decimal::ZERO;
    let mut venue_filled = Decimal::ZERO;
    for order in orders.iter().filter(|o| o.side == "BUY") {
        let twin = venue_twin(stack, order);
        let venue_view = (twin["status"].clone(), decimal(&twin["executedQty"]));
        assert_eq!(
            (json!(order.status), order.executed_qty),
            venue_view,
            "{order:?} vs {twin}"
        );
        ledger_filled += order.executed_qty;
        venue_filled += venue.fills_of_order(twin["orderId"].as_i64().unwrap());
    }
    (ledger_filled, venue_filled)
}

fn audit_agrees(stack: &Stack, id: &str, filled: Decimal) {
    let audit = stack.audit_store();
    let audited = wait_for("audited fills", || {
        let sum = audited_buy_fills(stack, id);
        (sum == filled).then_some(sum)
    });
    assert_eq!(audited, filled);
    let lost_cancel = audit
        .rows_for("ORDER", id)
        .into_iter()
        .filter(|row| row.reason_codes == "BINANCE_STATUS_UNKNOWN")
        .count();
    assert_eq!(lost_cancel, 1, "the dropped cancel answer is audited");
    let reported = audit
        .rows_for("POSITION", id)
        .iter()
        .map(|row| serde_json::from_str::<Value>(&row.payload_json).unwrap())
        .find_map(|report| report.get("filled_qty").map(decimal))
        .unwrap();
    assert_eq!(reported, filled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_cancel_answer_then_a_partial_fill_leave_ledger_audit_and_venue_agreeing() {
    let mut stack = Stack::start(&[]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    let id = "mp-partial";
    let intent = intents::resting_maker(id, venue.bid_ask().await, 2_000, Fallback::Market);
    risk.submit(&intent).await;
    let maker_coid = stack.ledger().client_order_id(id);
    wait_for("maker order resting on the venue", || {
        (!venue.orders_with(&maker_coid).is_empty()).then_some(())
    });
    venue.fault(&json!({"kind": "execute_then_drop", "path": "/api/v3/order"}));
    venue.fault(&json!({"kind": "partial_fills", "path": "/api/v3/order"}));
    let settled_in = settled(&stack, id, &["PROTECTED", "FLAT"]);
    assert_eq!(settled_in, "PROTECTED", "{}", stack.diagnostics());
    let orders = stack.ledger().orders_for(id);
    let half = intents::quantity() / Decimal::TWO;
    let (ledger_filled, venue_filled) = ledger_and_venue_buys_agree(&stack, &orders);
    assert_eq!((ledger_filled, venue_filled), (half, half), "{orders:?}");
    audit_agrees(&stack, id, half);
    let held = stack.ledger().position_qty(id).unwrap();
    assert!(held > Decimal::ZERO && held <= half, "{held}");
    for leg in orders.iter().filter(|o| o.side == "SELL") {
        let on_venue = venue_twin(&stack, leg);
        assert_eq!(decimal(&on_venue["origQty"]), held, "{leg:?}");
    }
}
