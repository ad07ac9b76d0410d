#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_faults_support::checks::{
    audit_saw_sent_unknown_then_confirmed, every_client_order_id_posted_once, protected_if_filled,
};
use launch_faults_support::ledger::intent_with_client_order_id;
use launch_faults_support::venue::{ORDER_PATH, posts_per_client_order_id};
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, SETTLED_WITHIN};
use serde_json::json;

const STATUS_DROPPED: i64 = 0;
const STATUS_UNKNOWN_1007: i64 = 500;

fn unknown_entry_under_the_launcher_is_confirmed_by_lookup(kind: &str, answered: i64) {
    let run = FaultRun::start(&[], &[], &[]);
    let venue = run.venue();
    venue.fault(&json!({"kind": kind, "path": ORDER_PATH, "count": 1}));
    let faulted = run.wait_for("the faulted entry", FIRST_ENTRY_WITHIN, || {
        venue
            .requests()
            .into_iter()
            .find(|r| r["method"] == "POST" && r["path"] == ORDER_PATH && r["status"] == answered)
    });
    let coid = faulted["client_order_id"].as_str().unwrap().to_owned();
    let intent = run.wait_for("the intent of that clientOrderId", SETTLED_WITHIN, || {
        intent_with_client_order_id(run.var.path(), &coid)
    });
    let id = intent.order_intent_id;
    let ledger = run.ledger();
    let history = run.wait_for("the intent CONFIRMED", SETTLED_WITHIN, || {
        let history = ledger.intent_history(&id);
        history.contains(&"CONFIRMED".to_owned()).then_some(history)
    });
    assert_eq!(
        history,
        ["CREATED", "SENT", "SENT_UNKNOWN", "CONFIRMED"],
        "{}",
        run.diagnostics()
    );
    let on_venue = venue.orders_with(&coid);
    assert_eq!(
        on_venue.len(),
        1,
        "one venue order for {coid}: {on_venue:?}"
    );
    let posts = posts_per_client_order_id(&venue.requests());
    assert_eq!(
        posts.get(&coid),
        Some(&1),
        "never resent blindly: {posts:?}"
    );
    protected_if_filled(&run, &id, &coid);
    audit_saw_sent_unknown_then_confirmed(&run, &id);
    every_client_order_id_posted_once(&run);
    run.stop();
}

#[test]
fn execute_then_drop_on_a_launcher_entry_leaves_one_venue_order_confirmed_by_lookup() {
    unknown_entry_under_the_launcher_is_confirmed_by_lookup("execute_then_drop", STATUS_DROPPED);
}

#[test]
fn status_unknown_1007_on_a_launcher_entry_leaves_one_venue_order_confirmed_by_lookup() {
    unknown_entry_under_the_launcher_is_confirmed_by_lookup(
        "execute_then_unknown",
        STATUS_UNKNOWN_1007,
    );
}
