#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::shape::check;
use common::{
    KEY, SECRET, Sim, Ws, next_json, next_matching, now_ms, price_text, send_json, start_default,
};
use livespot_venue::hmac_hex;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

async fn user_socket(sim: &Sim) -> (Ws, Value) {
    let mut socket = sim.ws("/ws-api/v3").await;
    let timestamp = now_ms();
    let signature = hmac_hex(SECRET, &format!("apiKey={KEY}&timestamp={timestamp}"));
    send_json(&mut socket, &json!({"id": "a", "method": "userDataStream.subscribe.signature", "params": {"apiKey": KEY, "timestamp": timestamp, "signature": signature}})).await;
    let reply = next_json(&mut socket).await;
    (socket, reply)
}

#[tokio::test]
async fn user_data_payloads_have_the_sample_field_names_and_types() {
    let sim = start_default().await;
    let (mut socket, subscribed) = user_socket(&sim).await;
    let mut failures: Vec<String> = check(
        "user_data_stream_subscribe_response.json",
        &subscribed,
        &["rateLimits"],
    )
    .into_iter()
    .collect();
    let (bid, ask) = sim.best("BTCUSDT").await;
    sim.order(&format!(
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={}",
        price_text(bid * Decimal::new(9, 1))
    ))
    .await;
    let report = next_matching(&mut socket, 5, |v| v["event"]["e"] == "executionReport").await;
    failures.extend(check("uds_execution_report_wsapi.json", &report, &["v"]));
    let position = next_matching(&mut socket, 5, |v| {
        v["event"]["e"] == "outboundAccountPosition"
    })
    .await;
    failures.extend(check(
        "uds_outbound_account_position_wsapi.json",
        &position,
        &[],
    ));
    sim.admin_post(
        "/admin/balances",
        &json!({"api_key": KEY, "asset": "BTC", "delta": "1"}),
    )
    .await;
    let balance = next_matching(&mut socket, 5, |v| v["event"]["e"] == "balanceUpdate").await;
    failures.extend(check("uds_balance_update_wsapi.json", &balance, &[]));
    let oco = format!(
        "symbol=BTCUSDT&side=SELL&quantity=0.01&aboveType=LIMIT_MAKER&abovePrice={}&belowType=STOP_LOSS&belowStopPrice={}",
        price_text(ask * Decimal::new(102, 2)),
        price_text(bid * Decimal::new(98, 2))
    );
    sim.signed(Method::POST, "/api/v3/orderList/oco", &oco)
        .await;
    let list = next_matching(&mut socket, 10, |v| v["event"]["e"] == "listStatus").await;
    failures.extend(check("uds_list_status_wsapi.json", &list, &[]));
    send_json(
        &mut socket,
        &json!({"id": "b", "method": "userDataStream.unsubscribe"}),
    )
    .await;
    let ended = next_matching(&mut socket, 10, |v| {
        v["event"]["e"] == "eventStreamTerminated"
    })
    .await;
    failures.extend(check("uds_event_stream_terminated_wsapi.json", &ended, &[]));
    let (_, refused) = {
        let mut bad = sim.ws("/ws-api/v3").await;
        send_json(&mut bad, &json!({"id": "c", "method": "userDataStream.subscribe.signature", "params": {"apiKey": KEY, "timestamp": now_ms(), "signature": "00"}})).await;
        let reply = next_json(&mut bad).await;
        (bad, reply)
    };
    failures.extend(check("ws_api_response_error.json", &refused, &[]));
    assert!(failures.is_empty(), "{failures:#?}");
}
