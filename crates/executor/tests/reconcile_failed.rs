#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

use std::sync::Arc;

use livespot_binance::config::ClientConfig;
use livespot_binance::{ApiKey, ApiSecret, Credentials, RestClient};
use livespot_domain::{AuditEventType, ReasonCode, SysMode, SystemClock};
use livespot_execution::rules::load_rules;
use livespot_execution::{ExecutionEngine, ExecutionPolicy, Ledger, executor_ledger_path};
use livespot_executor::{ExecutionConditions, RECONCILE_FAILURES_TO_DEGRADE};
use livespot_runtime::{ChildLink, ChildReport};
use livespot_venue::SimOptions;
use serde_json::json;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

const KEY: &str = "reconkey1";
const SECRET: &str = "reconsecret1";

async fn post(http: &reqwest::Client, url: String, body: serde_json::Value) {
    let reply = http.post(url).json(&body).send().await.unwrap();
    assert!(reply.status().is_success(), "{body}");
}

fn reports_about(rx: &mut mpsc::UnboundedReceiver<ChildReport>) -> Vec<&'static str> {
    let mut seen = Vec::new();
    while let Ok(report) = rx.try_recv() {
        match report {
            ChildReport::ConditionRaised {
                reason: ReasonCode::ReconcileFailedDegrade,
                ..
            } => seen.push("raise"),
            ChildReport::CleanCycle {
                reason: ReasonCode::ReconcileFailedDegrade,
            } => seen.push("clean"),
            _ => {}
        }
    }
    seen
}

#[tokio::test]
async fn failing_open_orders_reads_degrade_after_consecutive_runs_and_clean_runs_clear() {
    let sim = livespot_venue::spawn(SimOptions::default()).await.unwrap();
    let http = reqwest::Client::new();
    let account = json!({"api_key": KEY, "api_secret": SECRET, "balances": {"USDT": "1000"}});
    post(&http, format!("{}/admin/accounts", sim.admin_url), account).await;
    let config = ClientConfig::local(&sim.rest_url, &sim.ws_url, &sim.ws_api_url);
    let client = RestClient::new(
        config,
        Some(Credentials::new(ApiKey::new(KEY), ApiSecret::new(SECRET))),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rules = load_rules(&client, &["BTCUSDT"]).await.unwrap();
    let ledger = Ledger::open(&executor_ledger_path(dir.path())).unwrap();
    let mut engine = ExecutionEngine::new(
        client,
        ledger,
        rules,
        Arc::new(SystemClock),
        ExecutionPolicy::default(),
    );
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (_mode_tx, mode_rx) = watch::channel(SysMode::Normal);
    let link = ChildLink::new(tx, mode_rx, CancellationToken::new());
    let mut conditions = ExecutionConditions::default();
    let failures = usize::try_from(RECONCILE_FAILURES_TO_DEGRADE).unwrap();
    let fault = json!({"kind": "reject_next", "path": "/api/v3/openOrders", "count": failures, "code": -1001});
    post(&http, format!("{}/admin/faults", sim.admin_url), fault).await;
    let mut outcomes = Vec::new();
    for _ in 0..failures + 2 {
        outcomes.push(engine.reconcile().await.is_ok());
        for event in engine.take_events() {
            if event.event_type == AuditEventType::ReconcileRest {
                conditions.observe(&link, &event);
            }
        }
    }
    let mut expected = vec![false; failures];
    expected.extend([true, true]);
    assert_eq!(outcomes, expected);
    assert_eq!(reports_about(&mut rx), vec!["raise", "clean", "clean"]);
}
