#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::{price_text, start, start_default};
use livespot_venue::SimOptions;
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;

async fn expect(sim: &common::Sim, params: &str, code: i64, msg: &str) {
    let reply = sim.order(params).await;
    assert_eq!(
        reply.status,
        StatusCode::BAD_REQUEST,
        "{params}: {:?}",
        reply.body
    );
    assert_eq!(reply.code(), code, "{params}: {:?}", reply.body);
    if !msg.is_empty() {
        assert_eq!(reply.body["msg"], msg, "{params}");
    }
}

#[tokio::test]
async fn filter_failures_name_the_filter() {
    let sim = start_default().await;
    let (bid, _) = sim.best("BTCUSDT").await;
    let price = price_text(bid * Decimal::new(9, 1));
    let base = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC";
    expect(
        &sim,
        &format!("{base}&quantity=0.000011&price={price}"),
        -1013,
        "Filter failure: LOT_SIZE",
    )
    .await;
    expect(
        &sim,
        &format!(
            "{base}&quantity=0.01&price={}",
            (bid * Decimal::new(9, 1)).round_dp(2) + Decimal::new(1, 3)
        ),
        -1013,
        "Filter failure: PRICE_FILTER",
    )
    .await;
    expect(
        &sim,
        &format!("{base}&quantity=0.00001&price={price}"),
        -1013,
        "Filter failure: NOTIONAL",
    )
    .await;
    expect(
        &sim,
        &format!("{base}&quantity=0.01&price=100"),
        -1013,
        "Filter failure: PERCENT_PRICE_BY_SIDE",
    )
    .await;
    expect(
        &sim,
        &format!("{base}&quantity=0.000000001&price={price}"),
        -1111,
        "",
    )
    .await;
}

#[tokio::test]
async fn engine_rejections_use_2010() {
    let sim = start(SimOptions {
        speed: Decimal::new(1, 2),
        ..SimOptions::default()
    })
    .await;
    let (bid, ask) = sim.best("BTCUSDT").await;
    expect(
        &sim,
        &format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price={}",
            price_text(ask)
        ),
        -2010,
        "Order would immediately match and take.",
    )
    .await;
    expect(
        &sim,
        &format!(
            "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice={}",
            price_text(ask * Decimal::new(101, 2))
        ),
        -2010,
        "Order would trigger immediately.",
    )
    .await;
    expect(
        &sim,
        &format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=5&price={}",
            price_text(bid)
        ),
        -2010,
        "Account has insufficient balance for requested action.",
    )
    .await;
    let low = price_text(bid * Decimal::new(9, 1));
    let first = sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}&newClientOrderId=dup1")).await;
    assert_eq!(first.status, StatusCode::OK);
    expect(&sim, &format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}&newClientOrderId=dup1"), -2010, "Duplicate order sent.").await;
}

#[tokio::test]
async fn parameter_errors() {
    let sim = start_default().await;
    expect(
        &sim,
        "side=BUY&type=MARKET&quantity=1",
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=1",
        -1102,
        "",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=abc",
        -1100,
        "",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=LIMITED&quantity=1",
        -1116,
        "Invalid orderType.",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=UP&type=MARKET&quantity=1",
        -1117,
        "Invalid side.",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD&quantity=1&price=1",
        -1115,
        "Invalid timeInForce.",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&timeInForce=GTC&price=1",
        -1106,
        "",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=bad%21id",
        -1100,
        "",
    )
    .await;
    expect(
        &sim,
        "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=",
        -1118,
        "",
    )
    .await;
    expect(
        &sim,
        "symbol=NOPE&side=BUY&type=MARKET&quantity=0.01",
        -1121,
        "Invalid symbol.",
    )
    .await;
    let dup = sim
        .signed(
            Method::POST,
            "/api/v3/order",
            "symbol=BTCUSDT&symbol=ETHUSDT&side=BUY&type=MARKET&quantity=1",
        )
        .await;
    assert_eq!(dup.code(), -1101);
    let neither = sim
        .signed(Method::GET, "/api/v3/order", "symbol=BTCUSDT")
        .await;
    assert_eq!(neither.code(), -1102);
    let empty_orig = sim
        .signed(
            Method::DELETE,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=",
        )
        .await;
    assert_eq!(empty_orig.code(), -1119);
}

#[tokio::test]
async fn order_test_validates_without_placing() {
    let sim = start_default().await;
    let ok = sim
        .signed(
            Method::POST,
            "/api/v3/order/test",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01",
        )
        .await;
    assert_eq!(ok.body, serde_json::json!({}));
    let rates = sim
        .signed(
            Method::POST,
            "/api/v3/order/test",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&computeCommissionRates=true",
        )
        .await;
    assert!(rates.body["standardCommissionForOrder"]["taker"].is_string());
    let bad = sim
        .signed(
            Method::POST,
            "/api/v3/order/test",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.000011",
        )
        .await;
    assert_eq!(bad.code(), -1013);
    let open = sim
        .signed(Method::GET, "/api/v3/allOrders", "symbol=BTCUSDT")
        .await
        .body;
    assert!(open.as_array().unwrap().is_empty());
}
