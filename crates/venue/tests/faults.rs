#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use std::time::{Duration, Instant};

use common::{KEY, SECRET, next_json, now_ms, start_default};
use livespot_venue::hmac_hex;
use reqwest::{Method, StatusCode};
use serde_json::json;

fn orders_with_client_id(state: &serde_json::Value, id: &str) -> usize {
    state["orders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["clientOrderId"] == id)
        .count()
}

#[tokio::test]
async fn execute_then_drop_closes_without_response_but_the_order_exists() {
    let sim = start_default().await;
    sim.fault(json!({"kind": "execute_then_drop", "path": "/api/v3/order"}))
        .await;
    let query = format!(
        "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=drop1&timestamp={}",
        now_ms()
    );
    let url = format!(
        "{}/api/v3/order?{query}&signature={}",
        sim.handle.rest_url,
        hmac_hex(SECRET, &query)
    );
    let sent = sim.http.post(url).header("X-MBX-APIKEY", KEY).send().await;
    assert!(sent.is_err(), "no HTTP response: {sent:?}");
    let state = sim.admin_get("/admin/state").await;
    assert_eq!(orders_with_client_id(&state, "drop1"), 1);
    let log = sim.admin_get("/admin/requests").await;
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["client_order_id"] == "drop1")
        .unwrap();
    assert_eq!(entry["status"], 0);
    let next = sim
        .order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001")
        .await;
    assert_eq!(next.status, StatusCode::OK, "the fault fires once");
}

#[tokio::test]
async fn execute_then_unknown_and_503_execute_anyway() {
    let sim = start_default().await;
    sim.fault(json!({"kind": "execute_then_unknown"})).await;
    let unknown = sim
        .order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=unk1")
        .await;
    assert_eq!((unknown.status.as_u16(), unknown.code()), (500, -1007));
    sim.fault(json!({"kind": "execute_then_503", "symbol": "BTCUSDT"}))
        .await;
    let busy = sim
        .order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=busy1")
        .await;
    assert_eq!(busy.status.as_u16(), 503);
    for id in ["unk1", "busy1"] {
        let found = sim
            .signed(
                Method::GET,
                "/api/v3/order",
                &format!("symbol=BTCUSDT&origClientOrderId={id}"),
            )
            .await;
        assert_eq!(found.body["status"], "FILLED", "{id}");
    }
}

#[tokio::test]
async fn delay_rate_limit_ban_and_reject_next() {
    let sim = start_default().await;
    sim.fault(json!({"kind": "delay", "ms": 400, "path": "/api/v3/time"}))
        .await;
    let started = Instant::now();
    sim.public("/api/v3/time").await;
    assert!(started.elapsed() >= Duration::from_millis(400));
    sim.fault(json!({"kind": "rate_limit", "count": 1, "seconds": 7}))
        .await;
    let limited = sim.public("/api/v3/ping").await;
    assert_eq!((limited.status.as_u16(), limited.code()), (429, -1003));
    assert_eq!(limited.header("retry-after").as_deref(), Some("7"));
    sim.fault(json!({"kind": "reject_next", "code": -1013, "path": "/api/v3/order"}))
        .await;
    let rejected = sim
        .order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001")
        .await;
    assert_eq!(rejected.code(), -1013);
    sim.fault(json!({"kind": "ban", "seconds": 30})).await;
    let banned = sim.public("/api/v3/ping").await;
    assert_eq!(banned.status.as_u16(), 418);
    assert!(
        banned
            .header("retry-after")
            .unwrap()
            .parse::<u64>()
            .unwrap()
            <= 30
    );
    assert_eq!(
        sim.admin_delete("/admin/faults").await.status,
        StatusCode::OK
    );
    assert_eq!(sim.public("/api/v3/ping").await.status, StatusCode::OK);
}

#[tokio::test]
async fn clock_skew_moves_server_time_and_the_timing_rule() {
    let sim = start_default().await;
    sim.fault(json!({"kind": "clock_skew", "ms": 10_000})).await;
    let server = sim.public("/api/v3/time").await.body["serverTime"]
        .as_i64()
        .unwrap();
    assert!(server - now_ms() > 9_000);
    let stale = sim.signed(Method::GET, "/api/v3/account", "").await;
    assert_eq!(stale.code(), -1021);
    sim.admin_delete("/admin/faults").await;
    assert_eq!(
        sim.signed(Method::GET, "/api/v3/account", "").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn partial_fills_leave_a_partially_filled_order() {
    let sim = start_default().await;
    sim.fault(json!({"kind": "partial_fills", "count": 1}))
        .await;
    let (_, ask) = sim.best("BTCUSDT").await;
    let price = common::price_text(ask * rust_decimal::Decimal::new(1001, 3));
    let placed = sim
        .order(&format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.002&price={price}"
        ))
        .await
        .body;
    assert_eq!(placed["status"], "PARTIALLY_FILLED", "{placed:?}");
    assert_eq!(placed["executedQty"], "0.00100000");
}

#[tokio::test]
async fn streams_disconnect_closes_and_streams_stall_stops_events() {
    let sim = start_default().await;
    let mut socket = sim.ws("/ws/btcusdt@bookTicker").await;
    next_json(&mut socket).await;
    sim.fault(json!({"kind": "streams_stall", "seconds": 2}))
        .await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    let mut drained = 0;
    while let Ok(Some(_)) = tokio::time::timeout(
        Duration::from_millis(50),
        futures_util::StreamExt::next(&mut socket),
    )
    .await
    {
        drained += 1;
        assert!(drained < 100);
    }
    let quiet = tokio::time::timeout(
        Duration::from_millis(800),
        futures_util::StreamExt::next(&mut socket),
    )
    .await;
    assert!(quiet.is_err(), "no events while stalled, socket still open");
    sim.admin_delete("/admin/faults").await;
    next_json(&mut socket).await;
    sim.fault(json!({"kind": "streams_disconnect"})).await;
    let mut closed = false;
    for _ in 0..200 {
        match tokio::time::timeout(
            Duration::from_secs(5),
            futures_util::StreamExt::next(&mut socket),
        )
        .await
        {
            Ok(Some(Ok(tokio_tungstenite::tungstenite::Message::Close(_)) | Err(_)) | None) => {
                closed = true;
                break;
            }
            Ok(Some(Ok(_))) => {}
            Err(_) => break,
        }
    }
    assert!(closed, "the server closed the stream");
}
