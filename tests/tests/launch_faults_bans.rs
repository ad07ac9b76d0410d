#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_faults_support::ledger::{intent_with_client_order_id, intents};
use launch_faults_support::venue::{ORDER_PATH, time_of};
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, SETTLED_WITHIN, TIME_LAPSE_VENUE_CLOCK};
use serde_json::{Value, json};

const BAN_SECS: i64 = 5;
const RESUMED_WITHIN: std::time::Duration = std::time::Duration::from_secs(55);
const REST_CLIENTS_TALKING_TO_THE_VENUE: usize = 3;
const DEFAULT_RETRY_AFTER_SECS: i64 = 1;
const CLOCK_ROUNDING_MS: i64 = 50;
const SIGNED_PATH_PREFIXES: [&str; 8] = [
    "/api/v3/order",
    "/api/v3/openOrder",
    "/api/v3/account",
    "/api/v3/myTrades",
    "/api/v3/allOrders",
    "/api/v3/rateLimit",
    "/sapi/",
    "/api/v3/orderList",
];

fn is_signed(request: &Value) -> bool {
    let path = request["path"].as_str().unwrap_or_default();
    SIGNED_PATH_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

fn venue_clock_scale(run: &FaultRun) -> i64 {
    let text = std::fs::read_to_string(&run.var.config).unwrap();
    text.lines()
        .find(|line| line.split('=').next().unwrap_or_default().trim() == "clock_scale")
        .and_then(|line| {
            line.split('=')
                .nth(1)?
                .split('#')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(1)
}

fn confirmed_entry_after(run: &FaultRun, after: i64) -> Value {
    let venue = run.venue();
    run.wait_for("an entry placed after the ban", RESUMED_WITHIN, || {
        let placed = venue.requests().into_iter().find(|r| {
            r["method"] == "POST"
                && r["path"] == ORDER_PATH
                && r["status"] == 200
                && time_of(r) >= after
        })?;
        let intent =
            intent_with_client_order_id(run.var.path(), placed["client_order_id"].as_str()?)?;
        (intent.state == "CONFIRMED").then_some(placed)
    })
}

fn requests_from_the_first_418_until(log: &[Value], armed_at: i64, until: i64) -> Vec<Value> {
    let first_418 = log
        .iter()
        .find(|r| r["status"] == 418 && time_of(r) >= armed_at)
        .map_or(i64::MAX, time_of);
    log.iter()
        .filter(|r| time_of(r) >= first_418 && time_of(r) < until)
        .cloned()
        .collect()
}

fn banned_intents_were_refused_not_resent(run: &FaultRun, log: &[Value]) -> usize {
    let banned: Vec<String> = intents(run.var.path())
        .into_iter()
        .filter(|intent| intent.state == "FAILED_TERMINAL")
        .filter(|intent| {
            run.audit()
                .rows_for("INTENT_STATE", &intent.order_intent_id)
                .iter()
                .any(|row| row.reason_codes.contains("BINANCE_IP_BANNED"))
        })
        .map(|intent| intent.client_order_id)
        .collect();
    for coid in &banned {
        let posts: Vec<&Value> = log
            .iter()
            .filter(|r| r["method"] == "POST" && r["client_order_id"] == coid.as_str())
            .collect();
        assert!(
            posts.len() <= 1 && posts.iter().all(|r| r["status"] == 418),
            "{coid}: {posts:?}"
        );
    }
    banned.len()
}

#[test]
fn a_418_ban_under_the_launcher_silences_every_client_until_it_ends_and_trading_resumes() {
    let run = FaultRun::start(&[TIME_LAPSE_VENUE_CLOCK], &[], &[]);
    let venue = run.venue();
    run.wait_for(
        "marketdata's first book snapshot",
        FIRST_ENTRY_WITHIN,
        || {
            venue
                .requests()
                .iter()
                .any(|r| r["path"] == "/api/v3/depth" && r["status"] == 200)
                .then_some(())
        },
    );
    let armed_at = venue.server_time();
    venue.fault(&json!({"kind": "ban", "seconds": BAN_SECS}));
    let surely_banned_until = armed_at + BAN_SECS * 1_000 * venue_clock_scale(&run);
    let resumed = confirmed_entry_after(&run, surely_banned_until);
    let log = venue.requests();
    let during = requests_from_the_first_418_until(&log, armed_at, surely_banned_until);
    assert!(
        !during.is_empty(),
        "nothing met the ban: the test proved nothing"
    );
    assert!(during.iter().all(|r| r["status"] == 418), "{during:?}");
    assert!(
        during.len() <= REST_CLIENTS_TALKING_TO_THE_VENUE,
        "a client asked again after it had met the ban: {during:?}"
    );
    let banned = banned_intents_were_refused_not_resent(&run, &log);
    assert!(run.var.log_text("executor").contains("BINANCE_IP_BANNED"));
    println!(
        "{} request(s) met the ban, {banned} intent(s) failed BINANCE_IP_BANNED, trading resumed with {} at venue time +{} ms",
        during.len(),
        resumed["client_order_id"],
        time_of(&resumed) - armed_at
    );
    run.stop();
}

#[test]
fn a_429_on_a_launcher_entry_holds_every_signed_request_until_retry_after_and_trading_resumes() {
    let run = FaultRun::start(&[TIME_LAPSE_VENUE_CLOCK], &[], &[]);
    let venue = run.venue();
    venue.fault(&json!({"kind": "rate_limit", "path": ORDER_PATH, "count": 1}));
    let limited = run.wait_for("an entry answered 429", FIRST_ENTRY_WITHIN, || {
        venue.requests().into_iter().find(|r| r["status"] == 429)
    });
    let scale = venue_clock_scale(&run);
    let waited_until =
        time_of(&limited) + (DEFAULT_RETRY_AFTER_SECS * 1_000 - CLOCK_ROUNDING_MS) * scale;
    let coid = limited["client_order_id"].as_str().unwrap().to_owned();
    let ledger = run.ledger();
    let failed = run.wait_for("the limited intent FAILED_TERMINAL", SETTLED_WITHIN, || {
        let intent = intent_with_client_order_id(run.var.path(), &coid)?;
        let history = ledger.intent_history(&intent.order_intent_id);
        (history.last().map(String::as_str) == Some("FAILED_TERMINAL")).then_some(intent)
    });
    let audit = run.audit();
    run.wait_for("the 429 audited on the intent", SETTLED_WITHIN, || {
        audit
            .rows_for("INTENT_STATE", &failed.order_intent_id)
            .into_iter()
            .find(|row| row.reason_codes.contains("BINANCE_RATE_LIMITED"))
    });
    let resumed = confirmed_entry_after(&run, waited_until);
    let log = venue.requests();
    let early: Vec<&Value> = log
        .iter()
        .filter(|r| is_signed(r) && time_of(r) > time_of(&limited) && time_of(r) < waited_until)
        .collect();
    assert!(
        early.is_empty(),
        "signed requests before Retry-After: {early:?}"
    );
    println!(
        "trading resumed {} venue ms (clock scale {scale}) after the 429",
        time_of(&resumed) - time_of(&limited)
    );
    run.stop();
}
