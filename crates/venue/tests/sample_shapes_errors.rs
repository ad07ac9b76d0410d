#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::shape::check;
use common::{KEY, SECRET, next_json, next_matching, now_ms, price_text, send_json, start};
use livespot_venue::{Limits, SimOptions, hmac_hex};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

fn frozen(limits: Limits) -> SimOptions {
    SimOptions {
        speed: Decimal::new(1, 2),
        limits,
        ..SimOptions::default()
    }
}

#[tokio::test]
async fn error_bodies_have_the_sample_field_names_and_types() {
    let sim = start(frozen(Limits {
        orders_per_10s: 2,
        ..Limits::default()
    }))
    .await;
    let (bid, ask) = sim.best("BTCUSDT").await;
    let low = price_text(bid * Decimal::new(9, 1));
    let mut failures = Vec::new();
    sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}&newClientOrderId=e1")).await;
    let restricted = sim
        .signed(
            Method::DELETE,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=e1&cancelRestrictions=ONLY_PARTIALLY_FILLED",
        )
        .await;
    assert_eq!(restricted.code(), -2011);
    failures.extend(check(
        "cancel_order_restrictions_error.json",
        &restricted.body,
        &[],
    ));
    let base =
        format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}");
    let stop = sim
        .signed(
            Method::POST,
            "/api/v3/order/cancelReplace",
            &format!("{base}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=gone"),
        )
        .await;
    failures.extend(check(
        "cancel_replace_cancel_failed_stop_on_failure.json",
        &stop.body,
        &[],
    ));
    let taking = format!(
        "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price={}",
        price_text(ask)
    );
    let partial = sim
        .signed(
            Method::POST,
            "/api/v3/order/cancelReplace",
            &format!("{taking}&cancelReplaceMode=ALLOW_FAILURE&cancelOrigClientOrderId=e1"),
        )
        .await;
    assert_eq!(partial.status.as_u16(), 409);
    assert_eq!(
        partial.body["data"]["newOrderResponse"]["msg"],
        "Order would immediately match and take."
    );
    failures.extend(check(
        "cancel_replace_new_order_failed.json",
        &partial.body,
        &[],
    ));
    sim.order(&format!("{base}&newClientOrderId=e2")).await;
    let over = sim.order(&format!("{base}&newClientOrderId=e3")).await;
    assert_eq!(over.code(), -1015, "{:?}", over.body);
    failures.extend(check(
        "cancel_replace_order_count_exceeded.json",
        &over.body,
        &[],
    ));
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn ws_api_ban_error_matches_its_sample() {
    let sim = start(frozen(Limits::default())).await;
    sim.fault(json!({"kind": "ban", "seconds": 30})).await;
    let mut socket = sim.ws("/ws-api/v3").await;
    let timestamp = now_ms();
    let signature = hmac_hex(SECRET, &format!("apiKey={KEY}&timestamp={timestamp}"));
    send_json(&mut socket, &json!({"id": "x", "method": "userDataStream.subscribe.signature", "params": {"apiKey": KEY, "timestamp": timestamp, "signature": signature}})).await;
    let reply = next_json(&mut socket).await;
    assert_eq!(reply["status"], 418);
    assert!(reply["error"]["data"]["retryAfter"].as_i64().unwrap() > now_ms());
    let failures: Vec<String> = check("ws_api_ip_banned_418.json", &reply, &[])
        .into_iter()
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn shutdown_announces_server_shutdown_on_streams() {
    let sim = start(SimOptions::default()).await;
    let mut socket = sim.ws("/stream?streams=btcusdt@trade").await;
    let common::Sim { handle, .. } = sim;
    let stopping = tokio::spawn(handle.shutdown());
    let notice = next_matching(&mut socket, 200, |v| v["stream"] == "!serverShutdown").await;
    stopping.await.unwrap();
    let failures: Vec<String> = check("stream_server_shutdown_combined.json", &notice, &[])
        .into_iter()
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
