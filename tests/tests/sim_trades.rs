#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test: a failed setup step must fail the test"
)]

mod launch_support;
mod sim_trades_support;

use std::time::{Duration, Instant};

use launch_support::{TestVar, stop_launcher, wait_until};
use sim_trades_support::{
    audit_count, audit_texts, disagreements, ledger_orders, ledger_positions, venue_fill_count,
    venue_orders, venue_state,
};

const FIRST_TRADE_WITHIN: Duration = Duration::from_mins(2);
const SETTLE_WITHIN: Duration = Duration::from_secs(20);

const ENTRY_DECISIONS: &str =
    "SELECT COUNT(*) FROM decisions WHERE decision_hash IS NOT NULL AND decision_hash <> ''";
const APPROVED_VERDICTS: &str = "SELECT COUNT(*) FROM risk_verdicts WHERE approved = 1 \
     OR payload_json LIKE '%\"outcome\":\"APPROVE\"%'";
const AUDITED_FILLS: &str = "SELECT COUNT(*) FROM fills";
const AUDITED_EXIT_FILLS: &str = "SELECT COUNT(*) FROM fills WHERE side = 'SELL'";

fn remaining(started: Instant) -> Duration {
    FIRST_TRADE_WITHIN.saturating_sub(started.elapsed())
}

fn proposals_reach_risk(var: &TestVar, started: Instant) {
    let proposed = wait_until(remaining(started), || {
        let entries = audit_count(var, ENTRY_DECISIONS);
        let verdicts = audit_count(var, "SELECT COUNT(*) FROM risk_verdicts");
        (entries >= 1 && verdicts >= 1).then_some((entries, verdicts))
    });
    let blocks = audit_texts(var, "SELECT reason_codes FROM decisions LIMIT 20");
    assert!(
        proposed.is_some(),
        "no entry proposal reached risk within {FIRST_TRADE_WITHIN:?}; blocks: {blocks:?}"
    );
    let watched = audit_count(var, "SELECT COUNT(DISTINCT symbol) FROM decisions");
    assert!(
        watched >= 4,
        "only {watched} symbols passed the universe filters (24h volume, spread)"
    );
    let approved = wait_until(remaining(started), || {
        (audit_count(var, APPROVED_VERDICTS) >= 1).then_some(())
    });
    let verdicts = audit_texts(var, "SELECT reason_codes FROM risk_verdicts");
    assert!(approved.is_some(), "risk approved nothing: {verdicts:?}");
}

fn entries_fill_and_get_protected(var: &TestVar, started: Instant) {
    let protected = wait_until(remaining(started), || {
        let state = venue_state(var)?;
        let orders = venue_orders(&state);
        let filled_buy = orders
            .values()
            .any(|o| o["side"] == "BUY" && o["status"] == "FILLED");
        let resting_sell = orders
            .values()
            .any(|o| o["side"] == "SELL" && o["status"] == "NEW");
        let ledger_protected = ledger_positions(var).values().any(|s| s == "PROTECTED");
        (filled_buy && resting_sell && ledger_protected).then_some(orders.len())
    });
    assert!(
        protected.is_some(),
        "no filled entry with protection resting on the venue within {FIRST_TRADE_WITHIN:?}: ledger {:?}, positions {:?}",
        ledger_orders(var),
        ledger_positions(var)
    );
}

fn a_protected_position_exits(var: &TestVar, started: Instant) {
    let exited = wait_until(remaining(started), || {
        let state = venue_state(var)?;
        let venue = venue_orders(&state);
        let exit = ledger_orders(var).into_iter().find(|order| {
            order.purpose != "entry"
                && order.side == "SELL"
                && order.status == "FILLED"
                && venue
                    .get(&order.client_order_id)
                    .is_some_and(|twin| twin["status"] == "FILLED")
        })?;
        (audit_count(var, AUDITED_EXIT_FILLS) >= 1).then_some(exit)
    });
    assert!(
        exited.is_some(),
        "no protection leg filled within {FIRST_TRADE_WITHIN:?}: ledger {:?}",
        ledger_orders(var)
    );
    assert!(
        ledger_positions(var).values().any(|s| s == "FLAT"),
        "an exit filled but no ledger position is FLAT"
    );
}

fn venue_ledger_and_audit_agree(var: &TestVar) {
    let agreed = wait_until(SETTLE_WITHIN, || {
        let state = venue_state(var)?;
        let ledger = ledger_orders(var);
        let venue = venue_orders(&state);
        let mismatches = disagreements(&ledger, &venue);
        let unknown_to_ledger = venue
            .keys()
            .filter(|id| !ledger.iter().any(|o| &&o.client_order_id == id))
            .count();
        let fills_agree =
            i64::try_from(venue_fill_count(&state)).ok() == Some(audit_count(var, AUDITED_FILLS));
        (mismatches.is_empty() && unknown_to_ledger == 0 && fills_agree && !ledger.is_empty())
            .then_some(ledger.len())
    });
    let state = venue_state(var).unwrap();
    assert!(
        agreed.is_some(),
        "venue and ledger disagree: {:?}; venue fills {} audited fills {}",
        disagreements(&ledger_orders(var), &venue_orders(&state)),
        venue_fill_count(&state),
        audit_count(var, AUDITED_FILLS)
    );
}

#[test]
fn shipped_configuration_trades_in_sim_within_two_minutes() {
    let var = TestVar::new();
    let started = Instant::now();
    let mut launcher = var.launch(&["--sim", "--duration", "150"]);
    proposals_reach_risk(&var, started);
    entries_fill_and_get_protected(&var, started);
    let first_trade = started.elapsed();
    a_protected_position_exits(&var, started);
    let first_exit = started.elapsed();
    venue_ledger_and_audit_agree(&var);
    stop_launcher(&mut launcher);
    println!("first protected trade {first_trade:?}, first exit {first_exit:?} after launch");
    assert!(first_exit <= FIRST_TRADE_WITHIN);
}
