#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark that prints its figures and fails loudly"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use livespot_binance::config::ClientConfig;
use livespot_binance::{ApiKey, ApiSecret, Credentials, RestClient};
use livespot_domain::{EntryKind, Fallback, SystemClock, TrailingMode};
use livespot_execution::fixture::{EntrySpec, entry_intent};
use livespot_execution::rules::load_rules;
use livespot_execution::{ExecutionEngine, ExecutionPolicy, Ledger, executor_ledger_path};
use livespot_venue::{Limits, SimOptions, spawn};
use rust_decimal::Decimal;
use serde_json::json;

const ROUNDS: usize = 300;
const WARMUP: usize = 20;
const SYMBOL: &str = "BTCUSDT";

fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    sorted[(sorted.len() * per_mille / 1_000).min(sorted.len() - 1)]
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{label:<52} n={:<4} p50={:>9.1?} p99={:>9.1?} max={:>9.1?}",
        samples.len(),
        percentile(&samples, 500),
        percentile(&samples, 990),
        samples[samples.len() - 1]
    );
}

async fn engine(dir: &tempfile::TempDir) -> (ExecutionEngine, livespot_venue::SimHandle) {
    let limits = Limits {
        weight_per_minute: 1_000_000,
        orders_per_10s: 1_000_000,
        orders_per_day: 10_000_000,
    };
    let sim = spawn(SimOptions {
        limits,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let account = json!({"api_key": "benchkey", "api_secret": "benchsecret", "balances": {"USDT": "100000000"}});
    reqwest::Client::new()
        .post(format!("{}/admin/accounts", sim.admin_url))
        .json(&account)
        .send()
        .await
        .unwrap();
    let config = ClientConfig::local(&sim.rest_url, &sim.ws_url, &sim.ws_api_url);
    let credentials = Credentials::new(ApiKey::new("benchkey"), ApiSecret::new("benchsecret"));
    let client = RestClient::new(config, Some(credentials)).unwrap();
    client.sync_time().await.unwrap();
    let rules = load_rules(&client, &[SYMBOL]).await.unwrap();
    let ledger = Ledger::open(&executor_ledger_path(dir.path())).unwrap();
    let engine = ExecutionEngine::new(
        client,
        ledger,
        rules,
        Arc::new(SystemClock),
        ExecutionPolicy::default(),
    );
    (engine, sim)
}

fn spec(i: usize, ask: Decimal) -> EntrySpec {
    let limit = (ask * Decimal::new(1005, 3)).round_dp(2);
    EntrySpec {
        order_intent_id: format!("bench-{i}"),
        symbol: SYMBOL.into(),
        quantity: Decimal::new(1, 3),
        limit_price: limit,
        kind: EntryKind::Ioc,
        fallback: Fallback::None,
        take_profit: (limit * Decimal::new(105, 2)).round_dp(2),
        stop_loss: (limit * Decimal::new(90, 2)).round_dp(2),
        trailing_mode: TrailingMode::Off,
        created_ts_ms: 1_764_000_000_000,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, sim) = engine(&dir).await;
    let ask = engine.client().book_ticker(SYMBOL).await.unwrap().ask_price;
    let mut to_request = Vec::with_capacity(ROUNDS);
    let mut to_answer = Vec::with_capacity(ROUNDS);
    for i in 0..ROUNDS + WARMUP {
        let intent = entry_intent(&spec(i, ask)).unwrap();
        let started = Instant::now();
        let prepared = engine.accept_and_prepare(&intent).await.unwrap();
        let ready = started.elapsed();
        let answer = engine.client().place_order(&prepared.order).await;
        engine.complete_send(&prepared, answer).await.unwrap();
        let answered = started.elapsed();
        if i >= WARMUP {
            to_request.push(ready);
            to_answer.push(answered);
        }
    }
    println!(
        "executor intent-to-request ({ROUNDS} IOC intents against the in-process simulator, ledger fsync on)"
    );
    report(
        "verified intent -> ledger CREATED+SENT (1 fsync) -> request ready",
        to_request,
    );
    report(
        "verified intent -> signed request -> venue answer recorded",
        to_answer,
    );
    sim.shutdown().await;
}
