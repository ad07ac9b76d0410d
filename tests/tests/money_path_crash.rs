#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod money_path_support;

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;

use livespot_domain::Fallback;
use livespot_execution::crash_point::{AFTER_LEDGER_WRITE, AFTER_SEND};
use money_path_support::venue::posts_per_client_order_id;
use money_path_support::{Stack, intents, wait_for};

const SIGABRT: i32 = 6;
const SIGKILL: i32 = 9;
const LONG_TTL_MS: u64 = 20_000;

async fn crash_at(point: &str, id: &str) -> Stack {
    let mut stack = Stack::start(&[]);
    stack.restart_executor(Some(point));
    let mut risk = stack.risk().await;
    let (_, ask) = stack.venue().bid_ask().await;
    risk.submit(&intents::ioc(id, ask)).await;
    let status = stack.executor.wait_dead();
    assert_eq!(
        status.signal(),
        Some(SIGABRT),
        "{status:?} {}",
        stack.diagnostics()
    );
    stack
}

fn resolved(stack: &Stack, id: &str) -> Vec<String> {
    let ledger = stack.ledger();
    wait_for(&format!("{id} resolved after the restart"), || {
        let history = ledger.intent_history(id);
        history
            .iter()
            .any(|s| s == "CONFIRMED" || s == "NOT_FOUND" || s == "FAILED_TERMINAL")
            .then_some(history)
    })
}

fn protected(stack: &Stack, id: &str) {
    let ledger = stack.ledger();
    wait_for(&format!("{id} PROTECTED"), || {
        (ledger.position_state(id).as_deref() == Some("PROTECTED")).then_some(())
    });
    let venue = stack.venue();
    let list_legs: Vec<_> = ledger
        .orders_for(id)
        .into_iter()
        .filter(|o| o.purpose == "take_profit" || o.purpose == "stop_loss")
        .flat_map(|o| venue.orders_with(&o.client_order_id))
        .filter(|o| o["status"] == "NEW" && o["orderListId"].as_i64() >= Some(0))
        .collect();
    assert_eq!(
        list_legs.len(),
        2,
        "OCO on the venue for {id}: {list_legs:?}"
    );
}

fn no_double_send_and_no_stranger(stack: &Stack) {
    let ledger_ids: BTreeSet<String> = stack
        .ledger()
        .orders()
        .into_iter()
        .map(|o| o.client_order_id)
        .collect();
    let venue = stack.venue();
    let posts = posts_per_client_order_id(&venue.requests());
    for (coid, count) in &posts {
        assert_eq!(*count, 1, "{coid} posted {count} times: {posts:?}");
    }
    for order in venue.orders() {
        let coid = order["clientOrderId"].as_str().unwrap();
        assert!(
            ledger_ids.contains(coid),
            "venue order unknown to the ledger: {order}"
        );
    }
    let audit = stack.audit_store();
    wait_for("a reconcile run by each executor", || {
        (audit.rows("RECONCILE_REST").len() >= 2).then_some(())
    });
    let strangers = audit
        .rows("RECONCILE_DIFF")
        .into_iter()
        .filter(|r| r.reason_codes.contains("RECONCILE_UNKNOWN_EXCHANGE_ORDER"))
        .count();
    assert_eq!(strangers, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abort_right_after_the_ledger_write_sends_nothing_and_trading_resumes_protected() {
    let mut stack = crash_at(AFTER_LEDGER_WRITE, "mp-crash-write").await;
    let coid = stack.ledger().client_order_id("mp-crash-write");
    assert!(
        stack.venue().orders_with(&coid).is_empty(),
        "nothing left before the crash"
    );
    stack.restart_executor(None);
    let history = resolved(&stack, "mp-crash-write");
    assert_eq!(
        history.last().map(String::as_str),
        Some("NOT_FOUND"),
        "{history:?}"
    );
    wait_for("the never-sent intent's position to settle FLAT", || {
        (stack.ledger().position_state("mp-crash-write").as_deref() == Some("FLAT")).then_some(())
    });
    let mut risk = stack.risk().await;
    let (_, ask) = stack.venue().bid_ask().await;
    risk.submit(&intents::ioc("mp-after-write", ask)).await;
    protected(&stack, "mp-after-write");
    assert!(
        stack.venue().orders_with(&coid).is_empty(),
        "a NOT_FOUND intent is not re-sent after a restart"
    );
    assert_ne!(coid, stack.ledger().client_order_id("mp-after-write"));
    no_double_send_and_no_stranger(&stack);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abort_right_after_the_send_is_confirmed_by_lookup_and_protected_after_restart() {
    let mut stack = crash_at(AFTER_SEND, "mp-crash-send").await;
    let coid = stack.ledger().client_order_id("mp-crash-send");
    let placed = stack.venue().orders_with(&coid);
    assert_eq!(placed.len(), 1, "{placed:?}");
    assert_eq!(
        stack.ledger().position_state("mp-crash-send").as_deref(),
        Some("ENTERING")
    );
    stack.restart_executor(None);
    let history = resolved(&stack, "mp-crash-send");
    assert_eq!(
        history,
        ["CREATED", "SENT", "SENT_UNKNOWN", "CONFIRMED"],
        "{}",
        stack.diagnostics()
    );
    protected(&stack, "mp-crash-send");
    assert_eq!(stack.venue().orders_with(&coid).len(), 1);
    no_double_send_and_no_stranger(&stack);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_a_maker_entry_rests_cancels_it_after_restart_without_a_fallback() {
    let mut stack = Stack::start(&[]);
    let mut risk = stack.risk().await;
    let venue = stack.venue();
    let id = "mp-kill-resting";
    let book = venue.bid_ask().await;
    risk.submit(&intents::resting_maker(
        id,
        book,
        LONG_TTL_MS,
        Fallback::Market,
    ))
    .await;
    let coid = stack.ledger().client_order_id(id);
    wait_for("maker order resting", || {
        venue
            .orders_with(&coid)
            .first()
            .filter(|order| order["status"] == "NEW")
            .cloned()
    });
    stack.executor.child.kill().unwrap();
    let status = stack.executor.wait_dead();
    assert_eq!(status.signal(), Some(SIGKILL), "{status:?}");
    stack.restart_executor(None);
    let ledger = stack.ledger();
    wait_for("position FLAT after the restart", || {
        (ledger.position_state(id).as_deref() == Some("FLAT")).then_some(())
    });
    assert_eq!(venue.orders_with(&coid)[0]["status"], "CANCELED");
    let orders = ledger.orders_for(id);
    assert_eq!(orders.len(), 1, "no fallback after a restart: {orders:?}");
    assert_eq!(orders[0].status, "CANCELED");
    no_double_send_and_no_stranger(&stack);
}
