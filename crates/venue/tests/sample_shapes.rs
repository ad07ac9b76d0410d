#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::shape::{check, shape_diff};
use common::{Sim, Ws, next_json, price_text, start_default};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

async fn rest_samples(sim: &Sim) -> Vec<(&'static str, Value, &'static [&'static str])> {
    let (bid, ask) = sim.best("BTCUSDT").await;
    let low = price_text(bid * Decimal::new(9, 1));
    let mut out: Vec<(&'static str, Value, &'static [&'static str])> = vec![
        (
            "server_time_response.json",
            sim.public("/api/v3/time").await.body,
            &[],
        ),
        (
            "depth_snapshot_response.json",
            sim.public("/api/v3/depth?symbol=BTCUSDT&limit=5")
                .await
                .body,
            &[],
        ),
        (
            "klines_response.json",
            sim.public("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1")
                .await
                .body,
            &[],
        ),
        (
            "ticker_24hr_response.json",
            sim.public("/api/v3/ticker/24hr?symbol=BTCUSDT").await.body,
            &[],
        ),
        (
            "book_ticker_response.json",
            sim.public("/api/v3/ticker/bookTicker?symbol=BTCUSDT")
                .await
                .body,
            &[],
        ),
        (
            "book_ticker_response_array.json",
            sim.public("/api/v3/ticker/bookTicker").await.body,
            &[],
        ),
        (
            "agg_trades_response.json",
            sim.public("/api/v3/aggTrades?symbol=BTCUSDT&limit=1")
                .await
                .body,
            &[],
        ),
        (
            "exchange_info_response.json",
            sim.public("/api/v3/exchangeInfo").await.body,
            &["sors"],
        ),
        (
            "error_response.json",
            sim.public("/api/v3/depth").await.body,
            &[],
        ),
        (
            "account_response.json",
            sim.signed(Method::GET, "/api/v3/account", "").await.body,
            &[],
        ),
        (
            "rate_limit_order_response.json",
            sim.signed(Method::GET, "/api/v3/rateLimit/order", "")
                .await
                .body,
            &[],
        ),
        (
            "order_test_commission_response.json",
            sim.signed(
                Method::POST,
                "/api/v3/order/test",
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&computeCommissionRates=true",
            )
            .await
            .body,
            &[],
        ),
        (
            "order_response_full.json",
            sim.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01")
                .await
                .body,
            &[],
        ),
        (
            "order_response_result.json",
            sim.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newOrderRespType=RESULT")
                .await
                .body,
            &[],
        ),
        (
            "order_response_ack.json",
            sim.order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newOrderRespType=ACK")
                .await
                .body,
            &[],
        ),
        (
            "my_trades_response.json",
            sim.signed(Method::GET, "/api/v3/myTrades", "symbol=BTCUSDT&limit=1")
                .await
                .body,
            &[],
        ),
    ];
    sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}&newClientOrderId=shape1")).await;
    out.push((
        "query_order_response.json",
        sim.signed(
            Method::GET,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=shape1",
        )
        .await
        .body,
        &[],
    ));
    out.push((
        "open_orders_response.json",
        sim.signed(Method::GET, "/api/v3/openOrders", "symbol=BTCUSDT")
            .await
            .body,
        &[],
    ));
    out.push((
        "cancel_order_response.json",
        sim.signed(
            Method::DELETE,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=shape1",
        )
        .await
        .body,
        &[],
    ));
    sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}&newClientOrderId=shape2")).await;
    let lower = price_text(bid * Decimal::new(89, 2));
    out.push(("cancel_replace_success.json", sim.signed(Method::POST, "/api/v3/order/cancelReplace", &format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={lower}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=shape2")).await.body, &[]));
    out.push((
        "cancel_all_open_orders_response.json",
        sim.signed(Method::DELETE, "/api/v3/openOrders", "symbol=BTCUSDT")
            .await
            .body,
        &[],
    ));
    let above = price_text(ask * Decimal::new(102, 2));
    let below = price_text(bid * Decimal::new(98, 2));
    let oco = format!(
        "symbol=BTCUSDT&side=SELL&quantity=0.01&aboveType=LIMIT_MAKER&abovePrice={above}&belowType=STOP_LOSS_LIMIT&belowStopPrice={below}&belowPrice={below}&belowTimeInForce=GTC&belowIcebergQty=0.001&listClientOrderId=shapelist&newOrderRespType=RESULT"
    );
    out.push((
        "orderlist_oco_response_result.json",
        sim.signed(Method::POST, "/api/v3/orderList/oco", &oco)
            .await
            .body,
        &[],
    ));
    out.push((
        "orderlist_query_response.json",
        sim.signed(
            Method::GET,
            "/api/v3/orderList",
            "origClientOrderId=shapelist",
        )
        .await
        .body,
        &[],
    ));
    out.push((
        "orderlist_cancel_response.json",
        sim.signed(
            Method::DELETE,
            "/api/v3/orderList",
            "symbol=BTCUSDT&listClientOrderId=shapelist",
        )
        .await
        .body,
        &["icebergQty", "stopPrice"],
    ));
    out
}

#[tokio::test]
async fn rest_responses_have_the_sample_field_names_and_types() {
    let sim = start_default().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let failures: Vec<String> = rest_samples(&sim)
        .await
        .into_iter()
        .filter_map(|(name, actual, ignore)| check(name, &actual, ignore))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn expired_market_order_matches_its_sample() {
    let sim = start_default().await;
    sim.create_account("whale", "whalesecret", json!({"USDT": "100000000"}))
        .await;
    let reply = sim
        .signed_as(
            "whale",
            "whalesecret",
            Method::POST,
            "/api/v3/order",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=500",
        )
        .await
        .body;
    assert_eq!(reply["status"], "EXPIRED", "{reply:?}");
    let failures: Vec<String> = check(
        "market_order_expired_full_response.json",
        &reply,
        &["expiryReason", "origQuoteOrderQty"],
    )
    .into_iter()
    .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

async fn stream_payload(sim: &Sim, stream: &str) -> Value {
    let mut socket: Ws = sim.ws(&format!("/ws/{stream}")).await;
    next_json(&mut socket).await
}

#[tokio::test]
async fn stream_payloads_have_the_sample_field_names_and_types() {
    let sim = common::start(livespot_venue::SimOptions {
        speed: Decimal::from(10),
        ..livespot_venue::SimOptions::default()
    })
    .await;
    let cases = [
        ("stream_trade.json", "btcusdt@trade"),
        ("stream_agg_trade.json", "btcusdt@aggTrade"),
        ("stream_kline.json", "btcusdt@kline_1m"),
        ("stream_mini_ticker.json", "btcusdt@miniTicker"),
        ("stream_ticker_24hr.json", "btcusdt@ticker"),
        ("stream_book_ticker.json", "btcusdt@bookTicker"),
        ("stream_partial_depth.json", "btcusdt@depth5@100ms"),
        ("stream_diff_depth.json", "btcusdt@depth@100ms"),
    ];
    let mut failures = Vec::new();
    for (name, stream) in cases {
        failures.extend(check(name, &stream_payload(&sim, stream).await, &[]));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn comparator_reports_missing_extra_and_type_changes() {
    let sample = json!({"a": 1, "b": "x", "c": [[1, "2"]], "d": null});
    let mut diffs = Vec::new();
    shape_diff(
        "$",
        &sample,
        &json!({"a": "1", "c": [[1, 2]], "d": null, "e": true}),
        &[],
        &mut diffs,
    );
    assert_eq!(diffs.len(), 4, "{diffs:?}");
    let mut none = Vec::new();
    shape_diff(
        "$",
        &sample,
        &json!({"a": 5, "b": "y", "c": [[7, "8"], [9, "10"]], "d": null}),
        &[],
        &mut none,
    );
    assert!(none.is_empty(), "{none:?}");
}
