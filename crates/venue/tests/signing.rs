#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::{KEY, SECRET, now_ms, start_default};
use livespot_venue::hmac_hex;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const VECTOR_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const VECTOR_SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
const VECTOR_TIMESTAMP: i64 = 1_499_827_319_559;

fn vectors() -> Option<Value> {
    let path = common::shared_or_skip("binance/samples/signing_test_vectors.json")?;
    Some(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
}

fn flip_last(signature: &str) -> String {
    let mut chars: Vec<char> = signature.chars().collect();
    let last = chars.len() - 1;
    chars[last] = if chars[last] == '0' { '1' } else { '0' };
    chars.into_iter().collect()
}

async fn vector_sim() -> common::Sim {
    let sim = start_default().await;
    sim.create_account(VECTOR_KEY, VECTOR_SECRET, json!({"BTC": "10"}))
        .await;
    sim.fault(json!({"kind": "clock_skew", "ms": VECTOR_TIMESTAMP + 500 - now_ms()}))
        .await;
    sim
}

#[tokio::test]
async fn documented_rest_vectors_are_accepted_and_a_flipped_byte_is_refused() {
    let Some(vectors) = vectors() else { return };
    let sim = vector_sim().await;
    let rest: Vec<Value> = vectors["hmac_sha256"]["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .cloned()
        .collect();
    assert_eq!(rest.len(), 3);
    for vector in rest {
        let signature = vector["signature_hex"].as_str().unwrap();
        let (query, body) = match (vector.get("query"), vector.get("body")) {
            (Some(q), Some(b)) => (
                q.as_str().unwrap().to_owned(),
                b.as_str().unwrap().to_owned(),
            ),
            _ => (
                vector["payload"].as_str().unwrap().to_owned(),
                String::new(),
            ),
        };
        let send = |sig: String| {
            if body.is_empty() {
                (format!("{query}&signature={sig}"), String::new())
            } else {
                (query.clone(), format!("{body}&signature={sig}"))
            }
        };
        let (q, b) = send(signature.to_owned());
        let accepted = sim
            .raw(Method::POST, "/api/v3/order", &q, &b, Some(VECTOR_KEY))
            .await;
        assert_ne!(
            accepted.code(),
            -1022,
            "{}: {:?}",
            vector["name"],
            accepted.body
        );
        assert_eq!(
            accepted.code(),
            -1121,
            "{}: signature accepted, unknown symbol next",
            vector["name"]
        );
        let (q, b) = send(flip_last(signature));
        let refused = sim
            .raw(Method::POST, "/api/v3/order", &q, &b, Some(VECTOR_KEY))
            .await;
        assert_eq!(refused.code(), -1022, "{}", vector["name"]);
    }
}

#[tokio::test]
async fn body_only_signing_and_uppercase_hex_work() {
    let sim = start_default().await;
    let body = format!("symbol=BTCUSDT&timestamp={}", now_ms());
    let signature = hmac_hex(SECRET, &body).to_uppercase();
    let reply = sim
        .raw(
            Method::GET,
            "/api/v3/openOrders",
            &format!("{body}&signature={signature}"),
            "",
            Some(KEY),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    let posted = sim
        .raw(
            Method::DELETE,
            "/api/v3/openOrders",
            "",
            &format!("{body}&signature={signature}"),
            Some(KEY),
        )
        .await;
    assert_eq!(posted.code(), -2011);
}

#[tokio::test]
async fn key_errors_and_timing_rule() {
    let sim = start_default().await;
    let missing = sim
        .raw(
            Method::GET,
            "/api/v3/account",
            &format!("timestamp={}", now_ms()),
            "",
            None,
        )
        .await;
    assert_eq!((missing.status.as_u16(), missing.code()), (401, -2014));
    let unknown = sim
        .signed_as("nobody", "x", Method::GET, "/api/v3/account", "")
        .await;
    assert_eq!((unknown.status.as_u16(), unknown.code()), (401, -2015));
    let old = format!("timestamp={}", now_ms() - 10_000);
    let stale = sim
        .raw(
            Method::GET,
            "/api/v3/account",
            &format!("{old}&signature={}", hmac_hex(SECRET, &old)),
            "",
            Some(KEY),
        )
        .await;
    assert_eq!(stale.code(), -1021);
    assert_eq!(
        stale.body["msg"],
        "Timestamp for this request is outside of the recvWindow."
    );
    let wide = format!("recvWindow=20000&{old}");
    let accepted = sim
        .raw(
            Method::GET,
            "/api/v3/account",
            &format!("{wide}&signature={}", hmac_hex(SECRET, &wide)),
            "",
            Some(KEY),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK);
    let ahead = format!("timestamp={}", now_ms() + 5_000);
    let future = sim
        .raw(
            Method::GET,
            "/api/v3/account",
            &format!("{ahead}&signature={}", hmac_hex(SECRET, &ahead)),
            "",
            Some(KEY),
        )
        .await;
    assert_eq!(
        future.body["msg"],
        "Timestamp for this request was 1000ms ahead of the server's time."
    );
    let no_sig = sim
        .raw(
            Method::GET,
            "/api/v3/account",
            &format!("timestamp={}", now_ms()),
            "",
            Some(KEY),
        )
        .await;
    assert_eq!(no_sig.code(), -1022);
    let huge = format!("recvWindow=70000&timestamp={}", now_ms());
    let too_wide = sim
        .raw(
            Method::GET,
            "/api/v3/account",
            &format!("{huge}&signature={}", hmac_hex(SECRET, &huge)),
            "",
            Some(KEY),
        )
        .await;
    assert_eq!(too_wide.code(), -1131);
}

#[tokio::test]
async fn permissions_gate_trading() {
    let sim = start_default().await;
    let body = json!({"api_key": "readonly", "api_secret": "s", "balances": {"USDT": "100"}, "permissions": {"enableReading": true, "enableSpotAndMarginTrading": false}});
    sim.admin_post("/admin/accounts", &body).await;
    let read = sim
        .signed_as("readonly", "s", Method::GET, "/api/v3/account", "")
        .await;
    assert_eq!(read.body["canTrade"], false);
    let trade = sim
        .signed_as(
            "readonly",
            "s",
            Method::POST,
            "/api/v3/order",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001",
        )
        .await;
    assert_eq!(trade.code(), -2015);
    let restrictions = sim
        .signed_as(
            "readonly",
            "s",
            Method::GET,
            "/sapi/v1/account/apiRestrictions",
            "",
        )
        .await
        .body;
    assert_eq!(restrictions["enableSpotAndMarginTrading"], false);
    assert_eq!(restrictions["enableWithdrawals"], false);
    assert!(restrictions["createTime"].is_i64());
}
