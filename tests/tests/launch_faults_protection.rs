#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_faults_support::checks::{launcher_events_with, protected_on_the_venue};
use launch_faults_support::ledger::{
    IntentRow, intent_with_protection_list, position_states_of, protection_list_ids,
};
use launch_faults_support::venue::{OCO_PATH, ORDER_PATH, posts_to, time_of};
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, SETTLED_WITHIN, UNSCALED_VENUE_CLOCK};
use serde_json::{Value, json};

const RETRIES: usize = 2;
const RETRY_BACKOFF_MS: i64 = 1_500;
const REFUSING_PROTECTION: [(&str, &str); 4] = [
    ("protection_retries", "2"),
    ("protection_retry_backoff_ms", "1500"),
    ("reconcile_interval_ms", "2000"),
    UNSCALED_VENUE_CLOCK,
];

fn start_with_refused_protection() -> FaultRun {
    let run = FaultRun::start(&REFUSING_PROTECTION, &[], &[]);
    run.venue()
        .fault(&json!({"kind": "reject_next", "path": OCO_PATH, "count": 100, "code": -2010}));
    run
}

fn first_refused_intent(run: &FaultRun) -> IntentRow {
    let venue = run.venue();
    run.wait_for("a refused protection install", FIRST_ENTRY_WITHIN, || {
        let log = venue.requests();
        let list = posts_to(&log, OCO_PATH).first()?["client_order_id"]
            .as_str()?
            .to_owned();
        intent_with_protection_list(run.var.path(), &list)
    })
}

fn oco_posts_of(run: &FaultRun, id: &str) -> Vec<Value> {
    let lists = protection_list_ids(id);
    posts_to(&run.venue().requests(), OCO_PATH)
        .into_iter()
        .filter(|r| {
            lists
                .iter()
                .any(|list| r["client_order_id"] == list.as_str())
        })
        .cloned()
        .collect()
}

fn executor_rows_with(run: &FaultRun, event_type: &str, id: &str, reason: &str) -> usize {
    run.audit()
        .rows_for(event_type, id)
        .iter()
        .filter(|row| row.reason_codes.split(',').any(|code| code == reason))
        .count()
}

fn launcher_reported(run: &FaultRun, reason: &str) -> String {
    run.wait_for(
        &format!("the launcher told of {reason}"),
        SETTLED_WITHIN,
        || {
            let console = run.var.console();
            let paused = console
                .lines()
                .find(|line| line.contains("-> PAUSE") && line.contains(reason))
                .or_else(|| {
                    console
                        .lines()
                        .find(|line| line.contains("condition raised") && line.contains(reason))
                })?;
            Some(paused.to_owned())
        },
    )
}

#[test]
fn protection_refused_on_every_retry_under_the_launcher_ends_in_a_safe_close() {
    let run = start_with_refused_protection();
    let intent = first_refused_intent(&run);
    let id = intent.order_intent_id.as_str();
    run.wait_for("the safe close audited", SETTLED_WITHIN, || {
        (executor_rows_with(&run, "POSITION", id, "EXECUTION_SAFE_CLOSE_DONE") == 1).then_some(())
    });
    assert_eq!(
        position_states_of(run.var.path(), id).as_deref(),
        Some("FLAT")
    );
    let oco = oco_posts_of(&run, id);
    assert_eq!(
        oco.len(),
        1 + RETRIES,
        "one install and two retries: {oco:?}"
    );
    assert!(oco.iter().all(|r| r["status"] == 400), "{oco:?}");
    let times: Vec<i64> = oco.iter().map(time_of).collect();
    assert!(
        times
            .windows(2)
            .all(|pair| pair[1] - pair[0] >= RETRY_BACKOFF_MS),
        "retries wait protection_retry_backoff_ms: {times:?}"
    );
    let orders = run.ledger().orders_for(id);
    let exit = orders.iter().find(|o| o.purpose == "exit").unwrap();
    assert_eq!(
        (exit.side.as_str(), exit.status.as_str()),
        ("SELL", "FILLED")
    );
    let venue = run.venue();
    let on_venue = venue.orders_with(&exit.client_order_id);
    assert_eq!(on_venue[0]["status"], "FILLED", "{on_venue:?}");
    let close = posts_to(&venue.requests(), ORDER_PATH)
        .into_iter()
        .find(|r| r["client_order_id"] == exit.client_order_id.as_str())
        .cloned()
        .unwrap();
    assert!(
        time_of(&close) >= *times.last().unwrap(),
        "close after the retries"
    );
    assert_eq!(
        executor_rows_with(&run, "ORDER", id, "PROTECTION_INSTALL_FAILED"),
        1 + RETRIES
    );
    let told = launcher_reported(&run, "PROTECTION_INSTALL_FAILED");
    println!("launcher: {told}");
    run.stop();
}

#[test]
fn a_refused_safe_close_under_the_launcher_pauses_for_manual_protection_with_an_alert() {
    let run = start_with_refused_protection();
    let intent = first_refused_intent(&run);
    let id = intent.order_intent_id.as_str();
    let venue = run.venue();
    venue.fault(&json!({
        "kind": "reject_next", "path": ORDER_PATH, "symbol": intent.symbol, "count": 20
    }));
    run.wait_for(
        "ALERT_RAISED with PAUSE_NEEDS_MANUAL_PROTECTION",
        SETTLED_WITHIN,
        || {
            (executor_rows_with(&run, "ALERT_RAISED", id, "PAUSE_NEEDS_MANUAL_PROTECTION") == 1)
                .then_some(())
        },
    );
    let told = launcher_reported(&run, "PAUSE_NEEDS_MANUAL_PROTECTION");
    println!("launcher: {told}");
    run.wait_for("the launcher's ALERT_RAISED", SETTLED_WITHIN, || {
        (launcher_events_with(&run, "ALERT_RAISED", "PAUSE_NEEDS_MANUAL_PROTECTION") >= 1)
            .then_some(())
    });
    let refused_closes = posts_to(&venue.requests(), ORDER_PATH)
        .into_iter()
        .filter(|r| r["status"] == 400)
        .count();
    assert!(
        refused_closes >= 1,
        "the close reached the venue and was refused"
    );
    let state = position_states_of(run.var.path(), id).unwrap();
    assert!(
        state != "FLAT" && state != "PROTECTED",
        "still held: {state}"
    );
    venue.clear_faults();
    protected_on_the_venue(&run, id);
    run.stop();
}
