#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark that prints its figures and fails loudly"
)]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use livespot_venue::{Limits, SimOptions, hmac_hex, spawn};
use serde_json::{Value, json};

const ROUNDS: usize = 2_000;

fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    sorted[(sorted.len() * per_mille / 1_000).min(sorted.len() - 1)]
}

async fn signed(
    http: &reqwest::Client,
    rest: &str,
    method: reqwest::Method,
    path: &str,
    params: &str,
) -> Value {
    let query = format!("{params}&timestamp={}", now_ms());
    let url = format!(
        "{rest}{path}?{query}&signature={}",
        hmac_hex("benchsecret", &query)
    );
    http.request(method, url)
        .header("X-MBX-APIKEY", "benchkey")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn report(name: &str, mut samples: Vec<Duration>, total: Duration) {
    samples.sort();
    let per_second = u128::try_from(samples.len()).unwrap() * 1_000_000 / total.as_micros().max(1);
    println!(
        "{name}: n={} p50={}us p90={}us p99={}us max={}us throughput={per_second}/s",
        samples.len(),
        percentile(&samples, 500).as_micros(),
        percentile(&samples, 900).as_micros(),
        percentile(&samples, 990).as_micros(),
        samples.last().unwrap().as_micros(),
    );
}

async fn limit_rounds(http: &reqwest::Client, rest: &str) {
    let (mut place, mut cancel) = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    let started = Instant::now();
    for round in 0..ROUNDS {
        let id = format!("bench{round}");
        let params = format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=40000&newClientOrderId={id}"
        );
        let begin = Instant::now();
        let placed = signed(http, rest, reqwest::Method::POST, "/api/v3/order", &params).await;
        place.push(begin.elapsed());
        assert_eq!(placed["status"], "NEW", "{placed}");
        let begin = Instant::now();
        let cancelled = signed(
            http,
            rest,
            reqwest::Method::DELETE,
            "/api/v3/order",
            &format!("symbol=BTCUSDT&origClientOrderId={id}"),
        )
        .await;
        cancel.push(begin.elapsed());
        assert_eq!(cancelled["status"], "CANCELED", "{cancelled}");
    }
    let total = started.elapsed();
    report("REST place LIMIT (sequential)", place, total);
    report("REST cancel (sequential)", cancel, total);
}

async fn market_rounds(http: &reqwest::Client, rest: &str) {
    let mut market = Vec::with_capacity(ROUNDS);
    let started = Instant::now();
    for _ in 0..ROUNDS {
        let begin = Instant::now();
        let filled = signed(
            http,
            rest,
            reqwest::Method::POST,
            "/api/v3/order",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001",
        )
        .await;
        market.push(begin.elapsed());
        assert_eq!(filled["status"], "FILLED", "{filled}");
    }
    report("REST MARKET fill (sequential)", market, started.elapsed());
}

#[tokio::main]
async fn main() {
    let limits = Limits {
        weight_per_minute: u32::MAX,
        orders_per_10s: u32::MAX,
        orders_per_day: u32::MAX,
    };
    let handle = spawn(SimOptions {
        limits,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let account = json!({"api_key": "benchkey", "api_secret": "benchsecret", "balances": {"USDT": "100000000", "BTC": "1000"}});
    http.post(format!("{}/admin/accounts", handle.admin_url))
        .json(&account)
        .send()
        .await
        .unwrap();
    limit_rounds(&http, &handle.rest_url).await;
    market_rounds(&http, &handle.rest_url).await;
    handle.shutdown().await;
}
