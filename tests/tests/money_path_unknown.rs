#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod money_path_support;

use money_path_support::{Stack, intents, wait_for};
use serde_json::json;

fn protected_on_the_venue(stack: &Stack, id: &str) {
    let ledger = stack.ledger();
    wait_for(&format!("{id} PROTECTED in the ledger"), || {
        (ledger.position_state(id).as_deref() == Some("PROTECTED")).then_some(())
    });
    let legs: Vec<_> = ledger
        .orders_for(id)
        .into_iter()
        .filter(|o| o.purpose == "take_profit" || o.purpose == "stop_loss")
        .collect();
    assert_eq!(legs.len(), 2, "{legs:?}");
    let venue = stack.venue();
    for leg in &legs {
        let on_venue = venue.orders_with(&leg.client_order_id);
        assert_eq!(on_venue.len(), 1, "{leg:?}");
        assert_eq!(on_venue[0]["status"], "NEW", "{}", on_venue[0]);
        assert!(
            on_venue[0]["orderListId"].as_i64().unwrap() >= 0,
            "{}",
            on_venue[0]
        );
    }
}

async fn unknown_entry_is_confirmed_by_lookup(fault: serde_json::Value, id: &str) {
    let mut stack = Stack::start(&[]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    let (_, ask) = venue.bid_ask().await;
    venue.fault(&fault);
    risk.submit(&intents::ioc(id, ask)).await;
    let ledger = stack.ledger();
    let history = wait_for("intent CONFIRMED", || {
        let history = ledger.intent_history(id);
        history.contains(&"CONFIRMED".to_owned()).then_some(history)
    });
    assert_eq!(
        history,
        ["CREATED", "SENT", "SENT_UNKNOWN", "CONFIRMED"],
        "{}",
        stack.diagnostics()
    );
    let coid = ledger.client_order_id(id);
    assert_eq!(
        venue.orders_with(&coid).len(),
        1,
        "one venue order for {coid}"
    );
    let posts = money_path_support::venue::posts_per_client_order_id(&venue.requests());
    assert_eq!(
        posts.get(&coid),
        Some(&1),
        "never resent blindly: {posts:?}"
    );
    protected_on_the_venue(&stack, id);
    audit_saw_sent_unknown_then_confirmed(&stack, id);
}

fn audit_saw_sent_unknown_then_confirmed(stack: &Stack, id: &str) {
    let audit = stack.audit_store();
    let states = wait_for("audit INTENT_STATE CONFIRMED", || {
        let rows = audit.rows_for("INTENT_STATE", id);
        rows.iter()
            .any(|r| r.reported_state().as_deref() == Some("CONFIRMED"))
            .then_some(rows)
    });
    let unknown_at = states
        .iter()
        .position(|r| {
            !r.reason_codes.is_empty() && r.reported_state().as_deref() != Some("CONFIRMED")
        })
        .unwrap_or_else(|| panic!("no SENT_UNKNOWN event: {states:?}"));
    let confirmed_at = states
        .iter()
        .position(|r| r.reported_state().as_deref() == Some("CONFIRMED"))
        .unwrap();
    assert!(
        states[0].payload_json.contains("\"state\":\"SENT\""),
        "{states:?}"
    );
    assert!(0 < unknown_at && unknown_at < confirmed_at, "{states:?}");
    assert!(
        states[confirmed_at]
            .reason_codes
            .contains("BINANCE_STATUS_UNKNOWN"),
        "{states:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn execute_then_drop_on_an_entry_leaves_one_venue_order_and_confirms_by_lookup() {
    unknown_entry_is_confirmed_by_lookup(
        json!({"kind": "execute_then_drop", "path": "/api/v3/order"}),
        "mp-drop",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_unknown_1007_on_an_entry_leaves_one_venue_order_and_confirms_by_lookup() {
    unknown_entry_is_confirmed_by_lookup(
        json!({"kind": "execute_then_unknown", "path": "/api/v3/order"}),
        "mp-unknown",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_503_on_an_entry_leaves_one_venue_order_and_confirms_by_lookup() {
    unknown_entry_is_confirmed_by_lookup(
        json!({"kind": "execute_then_503", "path": "/api/v3/order"}),
        "mp-busy",
    )
    .await;
}
