#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::{price_text, start};
use livespot_venue::{Limits, SimOptions};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;

#[tokio::test]
async fn order_count_headers_move_and_the_limit_gives_1015() {
    let limits = Limits {
        orders_per_10s: 3,
        ..Limits::default()
    };
    let sim = start(SimOptions {
        limits,
        ..SimOptions::default()
    })
    .await;
    let (bid, _) = sim.best("BTCUSDT").await;
    let low = price_text(bid * Decimal::new(9, 1));
    let mut counts = Vec::new();
    for _ in 0..3 {
        let reply = sim
            .order(&format!(
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price={low}"
            ))
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        counts.push(
            reply
                .header("x-mbx-order-count-10s")
                .unwrap()
                .parse::<u32>()
                .unwrap(),
        );
        assert!(reply.header("x-mbx-order-count-1d").is_some());
    }
    assert!(
        counts.windows(2).all(|w| w[1] > w[0]) || counts[0] == 3,
        "{counts:?}"
    );
    let over = sim
        .order(&format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price={low}"
        ))
        .await;
    assert_eq!((over.status.as_u16(), over.code()), (429, -1015));
    assert!(over.header("retry-after").is_some());
    let status = sim
        .signed(Method::GET, "/api/v3/rateLimit/order", "")
        .await
        .body;
    assert_eq!(status[0]["limit"], 3);
}

#[tokio::test]
async fn weight_pressure_gives_429_then_418() {
    let limits = Limits {
        weight_per_minute: 20,
        ..Limits::default()
    };
    let sim = start(SimOptions {
        limits,
        ..SimOptions::default()
    })
    .await;
    let mut seen = Vec::new();
    for _ in 0..200 {
        let reply = sim.public("/api/v3/ping").await;
        let status = reply.status.as_u16();
        if status != 200 {
            assert!(reply.header("retry-after").is_some());
            assert_eq!(reply.code(), -1003);
        }
        seen.push(status);
        if status == 418 {
            break;
        }
    }
    let first_429 = seen.iter().position(|s| *s == 429).expect("429 seen");
    let first_418 = seen.iter().position(|s| *s == 418).expect("418 seen");
    assert!(first_429 < first_418);
    let banned = sim.public("/api/v3/time").await;
    assert_eq!(banned.status.as_u16(), 418);
}

#[tokio::test]
async fn count_and_position_filters_from_exchange_info_apply() {
    let sim = start(SimOptions {
        speed: Decimal::new(1, 2),
        ..SimOptions::default()
    })
    .await;
    let (bid, _) = sim.best("BTCUSDT").await;
    let stop = price_text(bid * Decimal::new(9, 1));
    for _ in 0..5 {
        let placed = sim
            .order(&format!(
                "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice={stop}"
            ))
            .await;
        assert_eq!(placed.status, StatusCode::OK, "{:?}", placed.body);
    }
    let sixth = sim
        .order(&format!(
            "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice={stop}"
        ))
        .await;
    assert_eq!(sixth.body["msg"], "Filter failure: MAX_NUM_ALGO_ORDERS");
    sim.create_account(
        "whale",
        "whalesecret",
        serde_json::json!({"USDT": "100000000"}),
    )
    .await;
    let (eth_bid, _) = sim.best("ETHUSDT").await;
    let low = price_text(eth_bid * Decimal::new(25, 2));
    let first = sim
        .signed_as(
            "whale",
            "whalesecret",
            Method::POST,
            "/api/v3/order",
            &format!(
                "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=9000&price={low}"
            ),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    let second = sim
        .signed_as(
            "whale",
            "whalesecret",
            Method::POST,
            "/api/v3/order",
            &format!(
                "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1001&price={low}"
            ),
        )
        .await;
    assert_eq!(second.body["msg"], "Filter failure: MAX_POSITION");
    let info = sim.public("/api/v3/exchangeInfo").await.body;
    let names: Vec<&str> = info["exchangeFilters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["filterType"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"EXCHANGE_MAX_NUM_ORDERS"));
}
