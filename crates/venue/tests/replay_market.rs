#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::{dec_of, shared_or_skip, start};
use livespot_venue::{MarketSource, SimOptions};
use reqwest::StatusCode;
use rust_decimal::Decimal;

#[tokio::test]
async fn real_exchange_info_files_load_and_their_filters_apply() {
    for name in [
        "exchangeInfo-spot-2023-08-13.json",
        "exchangeInfo-spot-2024-09-08-TRADING-only.json",
    ] {
        let Some(path) = shared_or_skip(&format!("data/reference/{name}")) else {
            return;
        };
        let sim = start(SimOptions {
            exchange_info: Some(path),
            ..SimOptions::default()
        })
        .await;
        let info = sim.public("/api/v3/exchangeInfo").await.body;
        assert!(info["symbols"].as_array().unwrap().len() > 1000, "{name}");
        let btc = sim.public("/api/v3/exchangeInfo?symbol=BTCUSDT").await.body;
        let lot = btc["symbols"][0]["filters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["filterType"] == "LOT_SIZE")
            .unwrap()
            .clone();
        assert_eq!(lot["stepSize"], "0.00001000", "{name}");
        let reply = sim
            .order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.000015")
            .await;
        assert_eq!(reply.body["msg"], "Filter failure: LOT_SIZE", "{name}");
        let book = sim.public("/api/v3/ticker/bookTicker?symbol=ETHUSDT").await;
        assert_eq!(book.status, StatusCode::OK, "{name}");
        sim.handle.shutdown().await;
    }
}

fn csv_rows(path: &std::path::Path, count: usize) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .take(count)
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn replay_serves_recorded_klines_and_a_book_around_the_path() {
    let Some(dir) = shared_or_skip("data/klines") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("BTCUSDT-1m-")
        })
        .collect();
    files.sort();
    let rows = csv_rows(&files[0], 600);
    let sim = start(SimOptions {
        market: MarketSource::Replay(dir),
        speed: Decimal::from(20),
        ..SimOptions::default()
    })
    .await;
    let history = sim
        .public("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000")
        .await
        .body;
    let history = history.as_array().unwrap();
    assert!(history.len() > 100);
    for (served, recorded) in history.iter().zip(&rows).take(50) {
        assert_eq!(dec_of(&served[4]), recorded[4].parse::<Decimal>().unwrap());
        assert_eq!(dec_of(&served[2]), recorded[2].parse::<Decimal>().unwrap());
    }
    let low: Decimal = rows
        .iter()
        .map(|r| r[3].parse::<Decimal>().unwrap())
        .min()
        .unwrap();
    let high: Decimal = rows
        .iter()
        .map(|r| r[2].parse::<Decimal>().unwrap())
        .max()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (bid, ask) = sim.best("BTCUSDT").await;
    let margin = Decimal::from(50);
    assert!(bid < ask);
    assert!(
        bid > low - margin && ask < high + margin,
        "{bid} {ask} outside {low}..{high}"
    );
}

#[tokio::test]
async fn replay_of_a_missing_directory_is_an_error() {
    let result = livespot_venue::spawn(SimOptions {
        market: MarketSource::Replay("/nonexistent/klines".into()),
        ..SimOptions::default()
    })
    .await;
    let error = result.unwrap_err();
    assert_eq!(error.reason_code(), "VENUE_REPLAY_LOAD");
}
