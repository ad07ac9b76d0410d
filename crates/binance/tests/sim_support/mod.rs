#![allow(dead_code, reason = "shared by several sim test binaries")]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use livespot_binance::rest::enums::{OrderSide, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_binance::{ApiKey, ApiSecret, ClientConfig, Credentials, RestClient};
use livespot_venue::{SimHandle, SimOptions};
use rust_decimal::Decimal;
use std::time::Duration;

pub const API_KEY: &str = "SimTestKey0001";
pub const API_SECRET: &str = "SimTestSecret0001";
pub const SYMBOL: &str = "BTCUSDT";

pub struct Sim {
    pub handle: SimHandle,
    pub client: RestClient,
    admin: reqwest::Client,
}

pub fn credentials() -> Credentials {
    Credentials::new(ApiKey::new(API_KEY), ApiSecret::new(API_SECRET))
}

pub async fn start() -> Sim {
    let handle = livespot_venue::spawn(SimOptions::default())
        .await
        .expect("simulator starts");
    let admin = reqwest::Client::new();
    let account = serde_json::json!({"api_key": API_KEY, "api_secret": API_SECRET, "balances": {"USDT": "100000", "BTC": "2"}});
    let reply = admin
        .post(format!("{}/admin/accounts", handle.admin_url))
        .json(&account)
        .send()
        .await
        .expect("admin reachable");
    assert!(
        reply.status().is_success(),
        "account creation: {}",
        reply.status()
    );
    let config = ClientConfig::local(&handle.rest_url, &handle.ws_url, &handle.ws_api_url);
    let client = RestClient::new(config, Some(credentials())).expect("client builds");
    Sim {
        handle,
        client,
        admin,
    }
}

impl Sim {
    pub async fn fault(&self, spec: serde_json::Value) {
        let reply = self
            .admin
            .post(format!("{}/admin/faults", self.handle.admin_url))
            .json(&spec)
            .send()
            .await
            .expect("admin reachable");
        assert!(
            reply.status().is_success(),
            "fault {spec}: {}",
            reply.status()
        );
    }

    pub async fn resting_buy(&self, client_order_id: &str) -> NewOrder {
        let book = self.client.book_ticker(SYMBOL).await.expect("book ticker");
        let price = (book.bid_price * Decimal::new(95, 2)).round_dp(2);
        NewOrder::limit(
            SYMBOL,
            OrderSide::Buy,
            Decimal::new(1, 3),
            price,
            TimeInForce::Gtc,
        )
        .with_client_order_id(client_order_id)
    }

    pub async fn shutdown(self) {
        self.handle.shutdown().await;
    }
}

pub async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .expect("bounded wait")
}
