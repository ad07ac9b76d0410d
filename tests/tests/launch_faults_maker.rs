#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_faults_support::ledger::{IntentRow, intents, plan_field, positions};
use launch_faults_support::stores::LedgerOrder;
use launch_faults_support::venue::{ORDER_PATH, max_in_any_window, placements, time_of};
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, LaunchVenue, UNSCALED_VENUE_CLOCK};
use livespot_e2e::workspace_root;
use serde_json::{Value, json};

const MAKER_FIRST_ENTRIES_ON_A_WALL_CLOCK_VENUE: [(&str, &str); 3] = [
    ("entry_mode", "\"MAKER_FIRST\""),
    ("entry_ttl_ms_max", "3000"),
    UNSCALED_VENUE_CLOCK,
];
const EXPIRED_MAKERS_TO_SEE: usize = 1;
const VENUE_CLOCK_ROUNDING_MS: i64 = 50;

fn shipped_limit(key: &str) -> usize {
    let text =
        std::fs::read_to_string(workspace_root().join("policies").join("livespot.toml")).unwrap();
    let line = text
        .lines()
        .find(|line| line.split('=').next().unwrap_or_default().trim() == key)
        .unwrap();
    let value = line.split('=').nth(1).unwrap();
    value.split('#').next().unwrap().trim().parse().unwrap()
}

fn expired_maker(run: &FaultRun, intent: &IntentRow) -> Option<LedgerOrder> {
    let settled = matches!(
        positions(run.var.path())
            .get(&intent.order_intent_id)?
            .as_str(),
        "FLAT" | "PROTECTED"
    );
    let maker = run
        .ledger()
        .orders_for(&intent.order_intent_id)
        .into_iter()
        .find(|o| o.purpose == "entry" && o.order_type == "LIMIT_MAKER")?;
    (settled && maker.status == "CANCELED").then_some(maker)
}

fn expired_makers(run: &FaultRun) -> Vec<(IntentRow, LedgerOrder)> {
    intents(run.var.path())
        .into_iter()
        .filter_map(|intent| expired_maker(run, &intent).map(|maker| (intent, maker)))
        .collect()
}

fn request_time(log: &[Value], method: &str, coid: &str) -> i64 {
    let found = log
        .iter()
        .find(|r| r["method"] == method && r["path"] == ORDER_PATH && r["client_order_id"] == coid);
    time_of(found.unwrap_or_else(|| panic!("no {method} for {coid}")))
}

fn the_planned_fallback_followed(run: &FaultRun, intent: &IntentRow, maker: &LedgerOrder) {
    let venue: LaunchVenue = run.venue();
    let twin = venue.orders_with(&maker.client_order_id);
    assert_eq!(twin.len(), 1, "{twin:?}");
    assert_eq!(
        (twin[0]["type"].clone(), twin[0]["status"].clone()),
        (json!("LIMIT_MAKER"), json!("CANCELED"))
    );
    assert_eq!(maker.executed_qty, rust_decimal::Decimal::ZERO);
    let ttl_ms = plan_field(intent, "kind")["MAKER_FIRST"]["ttl_ms"]
        .as_i64()
        .unwrap_or_else(|| panic!("not a maker-first plan: {}", intent.plans_json));
    let log = venue.requests();
    let placed = request_time(&log, "POST", &maker.client_order_id);
    let cancelled = request_time(&log, "DELETE", &maker.client_order_id);
    assert!(
        cancelled - placed >= ttl_ms - VENUE_CLOCK_ROUNDING_MS,
        "cancelled {}ms after placing, TTL {ttl_ms}ms",
        cancelled - placed
    );
    let fallbacks: Vec<LedgerOrder> = run
        .ledger()
        .orders_for(&intent.order_intent_id)
        .into_iter()
        .filter(|o| o.purpose == "fallback")
        .collect();
    let expected_type = match plan_field(intent, "fallback").as_str() {
        Some("NONE") => None,
        Some("IOC") => Some("LIMIT"),
        Some("MARKET") => Some("MARKET"),
        other => panic!("unknown fallback {other:?}"),
    };
    let placed_types: Vec<&str> = fallbacks.iter().map(|o| o.order_type.as_str()).collect();
    assert_eq!(placed_types, expected_type.into_iter().collect::<Vec<_>>());
}

fn ttl_expiry_audited(run: &FaultRun, id: &str) -> String {
    let audit = run.audit();
    run.wait_for("the TTL expiry audited", FIRST_ENTRY_WITHIN, || {
        audit
            .rows_for("POSITION", id)
            .into_iter()
            .find(|row| row.reason_codes.contains("EXECUTION_ENTRY_TTL_EXPIRED"))
            .map(|row| row.payload_json)
    })
}

#[test]
fn maker_first_ttl_expiry_under_the_launcher_follows_the_planned_fallback_inside_churn_limits() {
    let run = FaultRun::start(&MAKER_FIRST_ENTRIES_ON_A_WALL_CLOCK_VENUE, &[], &[]);
    let venue = run.venue();
    venue.fault(&json!({"kind": "hold_resting"}));
    let expired = run.wait_for(
        "a maker entry expiring into its IOC fallback",
        FIRST_ENTRY_WITHIN,
        || {
            let expired = expired_makers(&run);
            let with_fallback = expired
                .iter()
                .filter(|(intent, _)| plan_field(intent, "fallback") != "NONE")
                .count();
            (with_fallback >= EXPIRED_MAKERS_TO_SEE).then_some(expired)
        },
    );
    for (intent, maker) in &expired {
        the_planned_fallback_followed(&run, intent, maker);
        let payload = ttl_expiry_audited(&run, &intent.order_intent_id);
        let planned = plan_field(intent, "fallback");
        println!(
            "intent {} planned fallback {planned}",
            intent.order_intent_id
        );
        if planned == "NONE" {
            assert!(payload.contains("\"fallback_used\":false"), "{payload}");
        } else {
            assert!(payload.contains("\"fallback_used\":true"), "{payload}");
        }
    }
    let log = venue.requests();
    let times: Vec<i64> = placements(&log).iter().map(|r| time_of(r)).collect();
    let busiest_10s = max_in_any_window(&times, 10_000);
    let busiest_60s = max_in_any_window(&times, 60_000);
    println!(
        "{} expired maker entries, placements at {times:?}, busiest 10 s {busiest_10s}, busiest 60 s {busiest_60s}",
        expired.len()
    );
    assert!(busiest_10s <= shipped_limit("max_orders_per_10s"));
    assert!(busiest_60s <= shipped_limit("max_orders_per_60s"));
    run.stop();
}
