#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod money_path_support;

use money_path_support::{Stack, intents, wait_for};
use serde_json::{Value, json};

const BAN_MS: i64 = 4_000;
const RETRY_AFTER_MS: i64 = 2_000;
const CLOCK_ROUNDING_MS: i64 = 50;

fn intent_ends(stack: &Stack, id: &str, terminal: &str) -> Vec<String> {
    let ledger = stack.ledger();
    wait_for(&format!("{id} {terminal}"), || {
        let history = ledger.intent_history(id);
        (history.last().map(String::as_str) == Some(terminal)).then_some(history)
    })
}

fn time_of(request: &Value) -> i64 {
    request["time"].as_i64().unwrap()
}

fn requests_between(log: &[Value], after: i64, before: i64) -> Vec<&Value> {
    log.iter()
        .filter(|r| time_of(r) > after && time_of(r) < before)
        .collect()
}

fn entry_post<'a>(log: &'a [Value], stack: &Stack, id: &str) -> Option<&'a Value> {
    let coid = stack.ledger().client_order_id(id);
    log.iter()
        .find(|r| r["method"] == "POST" && r["client_order_id"] == coid.as_str())
}

fn intent_audited_with(stack: &Stack, id: &str, reason: &str) -> bool {
    let audit = stack.audit_store();
    wait_for(&format!("{id} audited"), || {
        let rows = audit.rows_for("INTENT_STATE", id);
        rows.iter()
            .any(|r| r.reported_state().as_deref() == Some("FAILED_TERMINAL"))
            .then_some(rows)
    })
    .iter()
    .any(|r| r.reason_codes.contains(reason))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn during_a_418_ban_nothing_reaches_the_venue_and_a_later_intent_executes() {
    let mut stack = Stack::start(&[]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    let (_, ask) = venue.bid_ask().await;
    let surely_banned_until = venue.server_time() + BAN_MS;
    venue.fault(&json!({"kind": "ban", "seconds": BAN_MS / 1_000}));
    let surely_free_from = venue.server_time() + BAN_MS;
    risk.submit(&intents::ioc("mp-banned", ask)).await;
    intent_ends(&stack, "mp-banned", "FAILED_TERMINAL");
    risk.submit(&intents::ioc("mp-banned-too", ask)).await;
    intent_ends(&stack, "mp-banned-too", "FAILED_TERMINAL");
    assert!(
        venue.server_time() < surely_banned_until,
        "the second intent met the ban"
    );
    wait_for("ban over", || {
        (venue.server_time() > surely_free_from).then_some(())
    });
    let (_, ask) = venue.bid_ask().await;
    risk.submit(&intents::ioc("mp-after-ban", ask)).await;
    intent_ends(&stack, "mp-after-ban", "CONFIRMED");
    let log = venue.requests();
    let first_418 = log.iter().find(|r| r["status"] == 418).unwrap();
    let during = requests_between(&log, time_of(first_418), surely_banned_until);
    assert!(during.is_empty(), "requests during the ban: {during:?}");
    assert!(entry_post(&log, &stack, "mp-banned-too").is_none());
    let after = entry_post(&log, &stack, "mp-after-ban").unwrap();
    assert_eq!(after["status"], 200);
    assert!(time_of(after) >= surely_banned_until, "{after}");
    assert!(intent_audited_with(
        &stack,
        "mp-banned-too",
        "BINANCE_IP_BANNED"
    ));
    wait_for("the later intent is protected", || {
        (stack.ledger().position_state("mp-after-ban").as_deref() == Some("PROTECTED"))
            .then_some(())
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_fails_the_intent_and_nothing_reaches_the_venue_before_retry_after() {
    let mut stack = Stack::start(&[]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    let (_, ask) = venue.bid_ask().await;
    venue.fault(&json!({
        "kind": "rate_limit",
        "path": "/api/v3/order",
        "seconds": RETRY_AFTER_MS / 1_000,
        "count": 1
    }));
    risk.submit(&intents::ioc("mp-limited", ask)).await;
    risk.submit(&intents::ioc("mp-next", ask)).await;
    intent_ends(&stack, "mp-limited", "FAILED_TERMINAL");
    intent_ends(&stack, "mp-next", "CONFIRMED");
    let log = venue.requests();
    let limited = entry_post(&log, &stack, "mp-limited").unwrap();
    assert_eq!(limited["status"], 429);
    let waited_until = time_of(limited) + RETRY_AFTER_MS - CLOCK_ROUNDING_MS;
    let early = requests_between(&log, time_of(limited), waited_until);
    assert!(early.is_empty(), "requests before Retry-After: {early:?}");
    let next = entry_post(&log, &stack, "mp-next").unwrap();
    assert_eq!(next["status"], 200);
    assert!(time_of(next) >= waited_until, "{next}");
    assert!(intent_audited_with(
        &stack,
        "mp-limited",
        "BINANCE_RATE_LIMITED"
    ));
}
