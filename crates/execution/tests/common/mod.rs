#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    dead_code,
    reason = "test helpers fail loudly; each test binary uses a different subset"
)]

use std::path::PathBuf;
use std::sync::Arc;

use livespot_binance::config::ClientConfig;
use livespot_binance::{ApiKey, ApiSecret, Credentials, RestClient};
use livespot_domain::{EntryKind, Fallback, PositionState, SystemClock, TrailingMode};
use livespot_execution::fixture::{EntrySpec, entry_intent};
use livespot_execution::rules::load_rules;
use livespot_execution::{ExecutionEngine, ExecutionPolicy, Ledger, executor_ledger_path};
use livespot_venue::{SimHandle, SimOptions};
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub const KEY: &str = "execkey1";
pub const SECRET: &str = "execsecret1";
pub const SYMBOL: &str = "BTCUSDT";

#[derive(Debug)]
pub struct Harness {
    pub sim: SimHandle,
    pub http: reqwest::Client,
    pub client: RestClient,
    pub dir: tempfile::TempDir,
}

pub fn fast_policy() -> ExecutionPolicy {
    ExecutionPolicy {
        protection_retries: 2,
        protection_retry_backoff_ms: 10,
        poll_interval_ms: 25,
        ..ExecutionPolicy::default()
    }
}

impl Harness {
    pub async fn start() -> Self {
        let sim = livespot_venue::spawn(SimOptions::default()).await.unwrap();
        let http = reqwest::Client::new();
        let account = json!({"api_key": KEY, "api_secret": SECRET, "balances": {"USDT": "100000", "BTC": "1"}});
        let reply = http
            .post(format!("{}/admin/accounts", sim.admin_url))
            .json(&account)
            .send()
            .await
            .unwrap();
        let status = reply.status();
        assert!(
            status.is_success(),
            "{status}: {}",
            reply.text().await.unwrap_or_default()
        );
        let config = ClientConfig::local(&sim.rest_url, &sim.ws_url, &sim.ws_api_url);
        let credentials = Credentials::new(ApiKey::new(KEY), ApiSecret::new(SECRET));
        let client = RestClient::new(config, Some(credentials)).unwrap();
        Self {
            sim,
            http,
            client,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn ledger_path(&self) -> PathBuf {
        executor_ledger_path(self.dir.path())
    }

    pub async fn engine_with(&self, policy: ExecutionPolicy) -> ExecutionEngine {
        let rules = load_rules(&self.client, &[SYMBOL]).await.unwrap();
        let ledger = Ledger::open(&self.ledger_path()).unwrap();
        ExecutionEngine::new(
            self.client.clone(),
            ledger,
            rules,
            Arc::new(SystemClock),
            policy,
        )
    }

    pub async fn engine(&self) -> ExecutionEngine {
        self.engine_with(fast_policy()).await
    }

    pub async fn fault(&self, fault: Value) {
        let reply = self
            .http
            .post(format!("{}/admin/faults", self.sim.admin_url))
            .json(&fault)
            .send()
            .await
            .unwrap();
        assert!(reply.status().is_success(), "{fault}");
    }

    pub async fn clear_faults(&self) {
        let reply = self
            .http
            .delete(format!("{}/admin/faults", self.sim.admin_url))
            .send()
            .await
            .unwrap();
        assert!(reply.status().is_success());
    }

    pub async fn state(&self) -> Value {
        self.http
            .get(format!("{}/admin/state", self.sim.admin_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn requests(&self) -> Vec<Value> {
        let log: Value = self
            .http
            .get(format!("{}/admin/requests", self.sim.admin_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        log.as_array().cloned().unwrap_or_default()
    }

    pub async fn ask(&self) -> Decimal {
        self.client.book_ticker(SYMBOL).await.unwrap().ask_price
    }

    pub async fn bid(&self) -> Decimal {
        self.client.book_ticker(SYMBOL).await.unwrap().bid_price
    }
}

pub fn venue_orders(state: &Value) -> Vec<Value> {
    state["orders"].as_array().cloned().unwrap_or_default()
}

pub fn venue_orders_with(state: &Value, client_order_id: &str) -> Vec<Value> {
    venue_orders(state)
        .into_iter()
        .filter(|o| o["clientOrderId"] == client_order_id)
        .collect()
}

pub fn order_posts_with(log: &[Value], client_order_id: &str) -> usize {
    log.iter()
        .filter(|r| {
            r["method"] == "POST"
                && r["path"] == "/api/v3/order"
                && r["client_order_id"] == client_order_id
        })
        .count()
}

pub fn spec(id: &str, limit: Decimal, kind: EntryKind, fallback: Fallback) -> EntrySpec {
    EntrySpec {
        order_intent_id: id.into(),
        symbol: SYMBOL.into(),
        quantity: Decimal::new(1, 3),
        limit_price: limit,
        kind,
        fallback,
        take_profit: (limit * Decimal::new(105, 2)).round_dp(2),
        stop_loss: (limit * Decimal::new(90, 2)).round_dp(2),
        trailing_mode: TrailingMode::Off,
        created_ts_ms: 1_764_000_000_000,
    }
}

pub async fn ioc_intent(h: &Harness, id: &str) -> livespot_domain::OrderIntent {
    let limit = (h.ask().await * Decimal::new(1002, 3)).round_dp(2);
    entry_intent(&spec(id, limit, EntryKind::Ioc, Fallback::None)).unwrap()
}

pub fn position_state(engine: &ExecutionEngine, order_intent_id: &str) -> PositionState {
    engine
        .ledger()
        .position(order_intent_id)
        .unwrap()
        .unwrap()
        .state
}
