#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_support::wait_until;

use launch_faults_support::checks::{
    PROTECTED, every_client_order_id_posted_once, protected_positions_without_resting_legs,
    unsettled_positions, venue_orders_unknown_to_the_ledger,
};
use launch_faults_support::ledger::{IntentRow, intents, positions};
use launch_faults_support::venue::decimal;
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, SETTLED_WITHIN, TIME_LAPSE_VENUE_CLOCK};
use livespot_execution::crash_point::{
    AFTER_LEDGER_WRITE, AFTER_SEND, CRASH_AT_ENV, one_shot_value,
};

const RESTART_CONSOLE_LINE: &str = "restarting executor";
const RECOVERY_LOG_LINE: &str = "recovering the ledger before any new intent";
const RESOLVED: [&str; 3] = ["CONFIRMED", "NOT_FOUND", "FAILED_TERMINAL"];

struct CrashedRun {
    run: FaultRun,
    crashed: IntentRow,
    history: Vec<String>,
    _marker_dir: tempfile::TempDir,
}

fn crash_once_under_the_launcher(point: &str) -> CrashedRun {
    let marker_dir = tempfile::tempdir().unwrap();
    let marker = marker_dir.path().join("crashed-once");
    let value = one_shot_value(point, &marker);
    let run = FaultRun::start(&[TIME_LAPSE_VENUE_CLOCK], &[(CRASH_AT_ENV, value)], &[]);
    run.wait_for("the one-shot crash", FIRST_ENTRY_WITHIN, || {
        marker.exists().then_some(())
    });
    run.wait_for(
        "a second executor recovering the ledger",
        SETTLED_WITHIN,
        || {
            let starts = run
                .var
                .log_text("executor")
                .matches(RECOVERY_LOG_LINE)
                .count();
            (starts >= 2).then_some(())
        },
    );
    let crashed = intents(run.var.path()).into_iter().next().unwrap();
    let ledger = run.ledger();
    let history = run.wait_for("the crashed intent resolved", SETTLED_WITHIN, || {
        let history = ledger.intent_history(&crashed.order_intent_id);
        history
            .iter()
            .any(|state| RESOLVED.contains(&state.as_str()))
            .then_some(history)
    });
    CrashedRun {
        run,
        crashed,
        history,
        _marker_dir: marker_dir,
    }
}

fn after_the_restart_nothing_is_doubled_unknown_or_unprotected(run: &FaultRun) {
    let protected = run.wait_for(
        "a protected position after the restart",
        SETTLED_WITHIN,
        || {
            let held = positions(run.var.path());
            held.values()
                .any(|state| state == PROTECTED)
                .then_some(held)
        },
    );
    let problems = || {
        (
            unsettled_positions(run),
            venue_orders_unknown_to_the_ledger(run),
            protected_positions_without_resting_legs(run),
        )
    };
    let settled = wait_until(SETTLED_WITHIN, || {
        let (unsettled, unknown, unguarded) = problems();
        (unsettled.is_empty() && unknown.is_empty() && unguarded.is_empty()).then_some(())
    });
    assert!(
        settled.is_some(),
        "after the restart (unsettled positions, venue orders unknown to the ledger, \
         protected positions without resting legs): {:?}; protected before: {protected:?}",
        problems()
    );
    every_client_order_id_posted_once(run);
    let restarts = run.var.console().matches(RESTART_CONSOLE_LINE).count();
    assert_eq!(restarts, 1, "the restarted executor did not crash again");
    let strangers = run
        .audit()
        .rows("RECONCILE_DIFF")
        .into_iter()
        .filter(|row| {
            row.reason_codes
                .contains("RECONCILE_UNKNOWN_EXCHANGE_ORDER")
        })
        .count();
    assert_eq!(strangers, 0, "the executor's own orders are no strangers");
}

#[test]
fn one_shot_kill_right_after_the_ledger_write_sends_nothing_and_the_restarted_executor_trades_on() {
    let crashed = crash_once_under_the_launcher(AFTER_LEDGER_WRITE);
    let run = &crashed.run;
    assert_eq!(
        crashed.history.last().map(String::as_str),
        Some("NOT_FOUND"),
        "{:?}\n{}",
        crashed.history,
        run.diagnostics()
    );
    let coid = &crashed.crashed.client_order_id;
    after_the_restart_nothing_is_doubled_unknown_or_unprotected(run);
    assert!(
        run.venue().orders_with(coid).is_empty(),
        "the crashed intent was never sent, not even after the restart"
    );
    assert_eq!(
        positions(run.var.path())[&crashed.crashed.order_intent_id],
        "FLAT"
    );
    crashed.run.stop();
}

#[test]
fn one_shot_kill_right_after_the_send_is_confirmed_by_lookup_and_protected_after_restart() {
    let crashed = crash_once_under_the_launcher(AFTER_SEND);
    let run = &crashed.run;
    assert_eq!(
        crashed.history,
        ["CREATED", "SENT", "SENT_UNKNOWN", "CONFIRMED"],
        "{}",
        run.diagnostics()
    );
    let coid = &crashed.crashed.client_order_id;
    assert_eq!(run.venue().orders_with(coid).len(), 1);
    after_the_restart_nothing_is_doubled_unknown_or_unprotected(run);
    let id = &crashed.crashed.order_intent_id;
    let state = positions(run.var.path())[id].clone();
    let orders = run.ledger().orders_for(id);
    let legs = orders
        .iter()
        .filter(|o| o.purpose == "take_profit" || o.purpose == "stop_loss")
        .count();
    let filled = decimal(&run.venue().orders_with(coid)[0]["executedQty"]);
    if filled.is_zero() {
        assert_eq!((state.as_str(), legs), ("FLAT", 0), "{orders:?}");
    } else {
        assert!(
            state == PROTECTED || state == "FLAT",
            "the crashed entry ended {state}"
        );
        assert_eq!(legs, 2, "the filled entry got its protection: {orders:?}");
    }
    crashed.run.stop();
}
