use livespot_domain::{BookLevel, Kline, Price, SnapshotId, Symbol};
use serde_json::json;

use super::*;

const TS: i64 = 1_764_000_000_000;

fn price(text: &str) -> Price {
    Price::parse(text).unwrap()
}

fn kline(index: i64, close: &str) -> Kline {
    let open_time_ms = TS - 60_000 * (40 - index);
    Kline {
        open_time_ms,
        close_time_ms: open_time_ms + 59_999,
        open: price(close),
        high: price(close),
        low: price(close),
        close: price(close),
        volume: Quantity::parse("1").unwrap(),
    }
}

pub fn snapshot(closes: &[&str]) -> MarketSnapshot {
    let klines = closes
        .iter()
        .enumerate()
        .map(|(index, close)| kline(i64::try_from(index).unwrap(), close))
        .collect();
    MarketSnapshot {
        snapshot_id: SnapshotId::new("snap-1").unwrap(),
        symbol: Symbol::new("BTCUSDT").unwrap(),
        ts_ms: TS,
        best_bid: price("99.99"),
        best_ask: price("100.01"),
        last_price: price("100"),
        bids: vec![BookLevel {
            price: price("99.99"),
            quantity: Quantity::parse("1").unwrap(),
        }],
        asks: vec![],
        klines,
        book_update_id: 1,
        ws_age_ms: 300,
        rest_age_ms: 9_000,
    }
}

fn message(snapshot: &MarketSnapshot) -> String {
    json!({
        "snapshot": snapshot,
        "snapshot_hash": "ignored",
        "filters": {
            "base_asset": "BTC",
            "quote_asset": "USDT",
            "tick_size": "0.01",
            "step_size": "0.001",
            "min_qty": "0.001",
            "min_notional": "5"
        },
        "quote_volume_24h": "1"
    })
    .to_string()
}

#[test]
fn a_published_snapshot_gives_spread_volatility_age_and_minimums() {
    let market = market_from_snapshot(&message(&snapshot(&["100", "101", "100"])), 1)
        .unwrap()
        .unwrap();
    assert_eq!(market.symbol.as_str(), "BTCUSDT");
    assert_eq!(market.snapshot_ts_ms, TS - 300);
    assert_eq!(market.spread_bps, Bps::parse("2").unwrap());
    let returns = simple_returns(&[Decimal::from(100), Decimal::from(101), Decimal::from(100)]);
    let expected = (realized_volatility(&returns).unwrap() * BPS_PER_UNIT).round_dp(4);
    assert_eq!(market.realized_volatility_bps.value(), expected);
    assert!(expected > Decimal::from(99) && expected < Decimal::from(100));
    assert_eq!(market.minimum.step_size, Quantity::parse("0.001").unwrap());
    assert_eq!(market.minimum.min_notional, Notional::parse("5").unwrap());
}

#[test]
fn volatility_uses_only_the_latest_window_of_returns() {
    let mut closes = vec!["50"; 10];
    closes.extend(vec!["100"; RISK_VOLATILITY_RETURNS + 1]);
    let market = market_from_snapshot(&message(&snapshot(&closes)), 1)
        .unwrap()
        .unwrap();
    assert_eq!(market.realized_volatility_bps, Bps::ZERO);
}

#[test]
fn a_snapshot_without_two_closes_gives_no_market_view() {
    assert_eq!(
        market_from_snapshot(&message(&snapshot(&["100"])), 1),
        Ok(None)
    );
}

#[test]
fn a_crossed_book_is_a_contract_violation() {
    let mut crossed = snapshot(&["100", "101"]);
    crossed.best_bid = price("100.02");
    crossed.bids[0].price = price("100.02");
    let violation = market_from_snapshot(&message(&crossed), 1).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::ContractBookCrossed);
    assert_eq!(violation.field, "snapshot.best_ask");
}

#[test]
fn volatility_is_measured_on_closes_at_the_decision_cadence() {
    let closes: Vec<String> = (0..40)
        .map(|index| if index % 2 == 0 { "100" } else { "101" }.to_owned())
        .collect();
    let texts: Vec<&str> = closes.iter().map(String::as_str).collect();
    let every_minute = market_from_snapshot(&message(&snapshot(&texts)), 1)
        .unwrap()
        .unwrap();
    assert!(every_minute.realized_volatility_bps.value() > Decimal::ZERO);
    let every_other_minute = market_from_snapshot(&message(&snapshot(&texts)), 2)
        .unwrap()
        .unwrap();
    assert_eq!(
        every_other_minute.realized_volatility_bps.value(),
        Decimal::ZERO
    );
}
