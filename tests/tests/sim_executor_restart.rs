#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test: a failed setup step must fail the test"
)]

mod launch_support;
mod sim_trades_support;

use std::collections::BTreeMap;
use std::time::Duration;

use launch_support::{TestVar, http_get, kill9, pid_alive, stop_launcher, wait_until};
use sim_trades_support::{
    audit_count, disagreements, ledger_orders, ledger_positions, venue_orders, venue_state,
};

const FIRST_PROTECTED_WITHIN: Duration = Duration::from_secs(150);
const RECOVERED_WITHIN: Duration = Duration::from_secs(45);

fn order_posts_per_client_id(var: &TestVar) -> BTreeMap<String, usize> {
    let admin = var.endpoints().unwrap()["venue"]["admin"]
        .as_str()
        .unwrap()
        .to_owned();
    let list: serde_json::Value =
        serde_json::from_str(&http_get(&admin, "/admin/requests").unwrap()).unwrap();
    let mut posts = BTreeMap::new();
    for request in list.as_array().unwrap() {
        let is_order = request["path"].as_str().unwrap_or("").ends_with("/order");
        if request["method"] == "POST" && is_order && request["status"] == 200 {
            let id = request["client_order_id"].as_str().unwrap_or("").to_owned();
            *posts.entry(id).or_insert(0) += 1;
        }
    }
    posts
}

fn protected_symbols(var: &TestVar) -> Vec<String> {
    ledger_positions(var)
        .into_iter()
        .filter(|(_, state)| state == "PROTECTED")
        .map(|(id, _)| id)
        .collect()
}

fn kill_executor_and_wait_for_restart(var: &TestVar) -> u32 {
    let old = var.pid_of("executor").unwrap();
    kill9(old);
    let new = wait_until(Duration::from_secs(30), || {
        var.pid_of("executor")
            .filter(|pid| *pid != old && pid_alive(*pid))
    });
    new.unwrap_or_else(|| panic!("the executor was not restarted: {}", var.console()))
}

fn venue_and_ledger_agree(var: &TestVar) -> Option<usize> {
    let state = venue_state(var)?;
    let venue = venue_orders(&state);
    let ledger = ledger_orders(var);
    let unknown = venue
        .keys()
        .filter(|id| !ledger.iter().any(|o| &&o.client_order_id == id))
        .count();
    let resting_sells = venue
        .values()
        .filter(|o| o["side"] == "SELL" && o["status"] == "NEW")
        .count();
    (disagreements(&ledger, &venue).is_empty() && unknown == 0 && resting_sells > 0)
        .then_some(ledger.len())
}

fn assert_audited_orders_and_fills_carry_their_keys(var: &TestVar) {
    assert!(audit_count(var, "SELECT COUNT(*) FROM orders") > 0);
    let blank = "SELECT COUNT(*) FROM orders WHERE client_order_id IS NULL \
                 OR symbol IS NULL OR side IS NULL OR status IS NULL";
    assert_eq!(
        audit_count(var, blank),
        0,
        "audited orders without their keys"
    );
    let blank_fills = "SELECT COUNT(*) FROM fills WHERE side IS NULL OR quantity IS NULL";
    assert_eq!(
        audit_count(var, blank_fills),
        0,
        "audited fills without their keys"
    );
}

#[test]
fn kill_9_of_the_executor_mid_run_sends_nothing_twice_and_the_position_stays_protected() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "240"]);
    let protected = wait_until(FIRST_PROTECTED_WITHIN, || {
        let held = protected_symbols(&var);
        (!held.is_empty()).then_some(held)
    });
    let before = protected.unwrap_or_else(|| panic!("no protected position: {}", var.console()));
    println!("protected before the kill: {before:?}");
    let restarted = kill_executor_and_wait_for_restart(&var);
    let recovered = wait_until(RECOVERED_WITHIN, || {
        let log = var.log_text("executor");
        let starts = log
            .matches("recovering the ledger before any new intent")
            .count();
        (starts >= 2)
            .then(|| venue_and_ledger_agree(&var))
            .flatten()
    });
    let state = venue_state(&var).unwrap();
    assert!(
        recovered.is_some(),
        "after the restart venue and ledger disagree: {:?}",
        disagreements(&ledger_orders(&var), &venue_orders(&state))
    );
    let twice: Vec<_> = order_posts_per_client_id(&var)
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .collect();
    assert!(twice.is_empty(), "clientOrderIds placed twice: {twice:?}");
    let after = protected_symbols(&var);
    for intent in &before {
        let still = after.contains(intent) || ledger_positions(&var)[intent] == "FLAT";
        assert!(
            still,
            "{intent} lost its protection: {:?}",
            ledger_positions(&var)
        );
    }
    assert!(pid_alive(restarted));
    assert_audited_orders_and_fills_carry_their_keys(&var);
    stop_launcher(&mut launcher);
}
