#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::start_default;
use reqwest::StatusCode;

#[tokio::test]
async fn ping_time_and_weight_header_moves() {
    let sim = start_default().await;
    let first = sim.public("/api/v3/ping").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body, serde_json::json!({}));
    let used_first: u32 = first
        .header("x-mbx-used-weight-1m")
        .unwrap()
        .parse()
        .unwrap();
    let time = sim.public("/api/v3/time").await;
    assert!(time.body["serverTime"].as_i64().unwrap() > 1_600_000_000_000);
    let depth = sim.public("/api/v3/depth?symbol=BTCUSDT&limit=1000").await;
    let used_after: u32 = depth
        .header("x-mbx-used-weight-1m")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(used_after, used_first + 1 + 50);
}

#[tokio::test]
async fn exchange_info_lists_the_default_pairs_and_filters() {
    let sim = start_default().await;
    let info = sim.public("/api/v3/exchangeInfo").await.body;
    let names: Vec<&str> = info["symbols"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["symbol"].as_str().unwrap())
        .collect();
    for pair in ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"] {
        assert!(names.contains(&pair), "{pair}");
    }
    assert_eq!(info["rateLimits"].as_array().unwrap().len(), 4);
    let one = sim.public("/api/v3/exchangeInfo?symbol=ETHUSDT").await.body;
    assert_eq!(one["symbols"].as_array().unwrap().len(), 1);
    let types: Vec<&str> = one["symbols"][0]["filters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["filterType"].as_str().unwrap())
        .collect();
    for needed in [
        "PRICE_FILTER",
        "LOT_SIZE",
        "MARKET_LOT_SIZE",
        "NOTIONAL",
        "PERCENT_PRICE_BY_SIDE",
        "MAX_NUM_ORDERS",
        "TRAILING_DELTA",
        "ICEBERG_PARTS",
    ] {
        assert!(types.contains(&needed), "{needed}");
    }
    let two = sim
        .public("/api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22,%22XRPUSDT%22%5D")
        .await
        .body;
    assert_eq!(two["symbols"].as_array().unwrap().len(), 2);
    let bad = sim.public("/api/v3/exchangeInfo?symbol=NOPEUSDT").await;
    assert_eq!((bad.status, bad.code()), (StatusCode::BAD_REQUEST, -1121));
}

#[tokio::test]
async fn depth_trades_and_tickers() {
    let sim = start_default().await;
    let depth = sim
        .public("/api/v3/depth?symbol=BTCUSDT&limit=5")
        .await
        .body;
    assert_eq!(depth["bids"].as_array().unwrap().len(), 5);
    assert!(depth["lastUpdateId"].as_u64().unwrap() >= 1);
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let trades = sim
        .public("/api/v3/trades?symbol=BTCUSDT&limit=3")
        .await
        .body;
    assert!(!trades.as_array().unwrap().is_empty());
    assert!(trades[0]["isBuyerMaker"].is_boolean());
    let agg = sim.public("/api/v3/aggTrades?symbol=BTCUSDT").await.body;
    assert!(agg[0]["a"].is_i64());
    let day = sim.public("/api/v3/ticker/24hr?symbol=BTCUSDT").await.body;
    assert_eq!(day["symbol"], "BTCUSDT");
    assert!(day["count"].as_u64().unwrap() > 0);
    let all = sim.public("/api/v3/ticker/24hr").await;
    assert_eq!(all.body.as_array().unwrap().len(), 5);
    let mini = sim
        .public("/api/v3/ticker/24hr?symbol=ETHUSDT&type=MINI")
        .await
        .body;
    assert!(mini.get("bidPrice").is_none());
    let price = sim.public("/api/v3/ticker/price?symbol=SOLUSDT").await.body;
    assert!(price["price"].is_string());
    let book = sim
        .public("/api/v3/ticker/bookTicker?symbols=%5B%22BTCUSDT%22%5D")
        .await
        .body;
    assert!(common::dec_of(&book[0]["bidPrice"]) < common::dec_of(&book[0]["askPrice"]));
    let avg = sim.public("/api/v3/avgPrice?symbol=BTCUSDT").await.body;
    assert_eq!(avg["mins"], 5);
}

#[tokio::test]
async fn klines_have_twelve_fields_and_intervals_aggregate() {
    let sim = start_default().await;
    let minutes = sim
        .public("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10")
        .await
        .body;
    let rows = minutes.as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0].as_array().unwrap().len(), 12);
    assert_eq!(
        rows[1][0].as_i64().unwrap() - rows[0][0].as_i64().unwrap(),
        60_000
    );
    let hours = sim
        .public("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3")
        .await
        .body;
    let hour_rows = hours.as_array().unwrap();
    assert_eq!(hour_rows[1][0].as_i64().unwrap() % 3_600_000, 0);
    let start = rows[2][0].as_i64().unwrap();
    let from = sim
        .public(&format!(
            "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={start}&limit=2"
        ))
        .await
        .body;
    assert_eq!(from[0][0].as_i64().unwrap(), start);
    let bad = sim
        .public("/api/v3/klines?symbol=BTCUSDT&interval=7m")
        .await;
    assert_eq!(bad.code(), -1120);
    let missing = sim.public("/api/v3/klines?interval=1m").await;
    assert_eq!(missing.code(), -1102);
}

#[tokio::test]
async fn unknown_path_is_404() {
    let sim = start_default().await;
    let reply = sim.public("/api/v3/nothing").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
