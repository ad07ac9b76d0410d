#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_faults_support::checks::launcher_events_with;
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, SETTLED_WITHIN};
use livespot_binance::config::ClientConfig;
use livespot_binance::rest::enums::{OrderSide, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_binance::{ApiKey, ApiSecret, Credentials, RestClient};
use rust_decimal::Decimal;

const SYMBOL: &str = "BTCUSDT";
const OUTSIDE_ID: &str = "outside-livespot-1";
const SIM_API_KEY: &str = "launchFaultsSimKey0123456789abcdef";
const SIM_API_SECRET: &str = "launchFaultsSimSecret0123456789abcdef0123456789";

fn sim_credentials_file(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("sim-credentials.toml");
    let text = format!("api_key = \"{SIM_API_KEY}\"\napi_secret = \"{SIM_API_SECRET}\"\n");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn place_outside_order(run: &FaultRun) {
    let venue = run.var.endpoints().unwrap()["venue"].clone();
    let config = ClientConfig::local(
        venue["rest"].as_str().unwrap(),
        venue["ws"].as_str().unwrap(),
        venue["ws_api"].as_str().unwrap(),
    );
    let signer = Credentials::new(ApiKey::new(SIM_API_KEY), ApiSecret::new(SIM_API_SECRET));
    let client = RestClient::new(config, Some(signer)).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let book = client.book_ticker(SYMBOL).await.unwrap();
        let far_below = (book.bid_price * Decimal::new(8, 1)).round_dp(2);
        let order = NewOrder::limit(
            SYMBOL,
            OrderSide::Buy,
            Decimal::new(1, 3),
            far_below,
            TimeInForce::Gtc,
        )
        .with_client_order_id(OUTSIDE_ID);
        client.place_order(&order).await.unwrap();
    });
}

fn own_orders_reported(run: &FaultRun) -> usize {
    let own: Vec<String> = run
        .ledger()
        .orders()
        .into_iter()
        .map(|o| o.client_order_id)
        .collect();
    run.audit()
        .rows("RECONCILE_DIFF")
        .into_iter()
        .filter(|row| {
            own.iter()
                .any(|coid| row.payload_json.contains(coid.as_str()))
        })
        .count()
}

#[test]
fn an_order_placed_on_the_venue_outside_livespot_is_reported_by_reconciliation() {
    let credentials_dir = tempfile::tempdir().unwrap();
    let credentials = sim_credentials_file(&credentials_dir);
    let run = FaultRun::start(
        &[("reconcile_interval_ms", "1000")],
        &[],
        &["--sim-credentials", &credentials],
    );
    let venue = run.venue();
    run.wait_for(
        "the executor's first reconcile run",
        FIRST_ENTRY_WITHIN,
        || (!run.audit().rows("RECONCILE_REST").is_empty()).then_some(()),
    );
    place_outside_order(&run);
    let outside = venue.orders_with(OUTSIDE_ID);
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert_eq!(outside[0]["status"], "NEW");
    let audit = run.audit();
    let diff = run.wait_for(
        "RECONCILE_DIFF for the outside order",
        SETTLED_WITHIN,
        || {
            audit
                .rows("RECONCILE_DIFF")
                .into_iter()
                .find(|row| row.payload_json.contains(OUTSIDE_ID))
        },
    );
    assert_eq!(
        diff.reason_codes, "RECONCILE_UNKNOWN_EXCHANGE_ORDER",
        "{diff:?}"
    );
    assert!(
        run.ledger()
            .orders()
            .iter()
            .all(|o| o.client_order_id != OUTSIDE_ID),
        "the ledger never adopts an order it did not send"
    );
    run.wait_for("the launcher told of the drift", SETTLED_WITHIN, || {
        (launcher_events_with(&run, "MODE_CHANGED", "DRIFT_LIMIT_EXCEEDED") >= 1).then_some(())
    });
    assert_eq!(
        own_orders_reported(&run),
        0,
        "the executor's own orders are no differences"
    );
    run.stop();
}
