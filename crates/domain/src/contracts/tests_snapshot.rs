use super::fixtures::{
    Case, T0, assert_cases, assert_round_trips, price, qty, reason_of, snapshot,
};
use crate::{BookLevel, MarketSnapshot, ReasonCode, Validate};

#[test]
fn valid_snapshot_passes_and_round_trips() {
    let valid = snapshot();
    assert_eq!(valid.validate(), Ok(()));
    assert_round_trips(&valid);
    let json = serde_json::to_string(&valid).unwrap();
    assert!(json.contains("\"best_bid\":\"27000.00\""));
}

const SNAPSHOT_CASES: [Case<MarketSnapshot>; 13] = [
    ("ts", |s| s.ts_ms = 0, ReasonCode::ContractTimestampInvalid),
    (
        "ws age",
        |s| s.ws_age_ms = -1,
        ReasonCode::ContractAgeInvalid,
    ),
    (
        "rest age",
        |s| s.rest_age_ms = -5,
        ReasonCode::ContractAgeInvalid,
    ),
    (
        "bid zero",
        |s| s.best_bid = price("0"),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "ask zero",
        |s| s.best_ask = price("0"),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "last zero",
        |s| s.last_price = price("0"),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "crossed",
        |s| s.best_ask = price("26999"),
        ReasonCode::ContractBookCrossed,
    ),
    (
        "locked",
        |s| s.best_ask = s.best_bid,
        ReasonCode::ContractBookCrossed,
    ),
    (
        "level qty",
        |s| s.bids[1].quantity = qty("0"),
        ReasonCode::ContractQuantityNotPositive,
    ),
    (
        "bids order",
        |s| s.bids.swap(0, 1),
        ReasonCode::ContractBookInconsistent,
    ),
    (
        "asks order",
        |s| {
            s.asks.push(BookLevel {
                price: price("27000.15"),
                quantity: qty("1"),
            });
        },
        ReasonCode::ContractBookInconsistent,
    ),
    (
        "kline high",
        |s| s.klines[0].high = price("26000"),
        ReasonCode::ContractKlineInvalid,
    ),
    (
        "kline order",
        |s| s.klines.swap(0, 1),
        ReasonCode::ContractKlineInvalid,
    ),
];

#[test]
fn each_invalid_field_is_refused_with_its_reason() {
    assert_cases(snapshot, &SNAPSHOT_CASES);
}

#[test]
fn kline_timing_and_low_are_checked() {
    let mut candidate = snapshot();
    candidate.klines[1].close_time_ms = candidate.klines[1].open_time_ms;
    assert_eq!(reason_of(&candidate), ReasonCode::ContractKlineInvalid);
    let mut candidate = snapshot();
    candidate.klines[0].low = price("26995");
    assert_eq!(reason_of(&candidate), ReasonCode::ContractKlineInvalid);
    let mut candidate = snapshot();
    candidate.klines[0].open_time_ms = 0;
    assert_eq!(reason_of(&candidate), ReasonCode::ContractTimestampInvalid);
    let violation = candidate.validate().unwrap_err();
    assert_eq!(violation.field, "klines[0].open_time_ms");
}

#[test]
fn spread_and_mid_are_computed_in_decimals() {
    let valid = snapshot();
    assert_eq!(valid.mid().to_string(), "27000.05");
    let spread = valid.spread_bps().unwrap().value();
    assert!(spread > rust_decimal::Decimal::ZERO);
    assert!(spread < rust_decimal::Decimal::ONE);
}

#[test]
fn snapshot_hash_is_pinned_and_follows_content() {
    let valid = snapshot();
    let hash = valid.snapshot_hash().unwrap();
    assert_eq!(hash, PINNED_SNAPSHOT_HASH);
    let mut moved = snapshot();
    moved.ts_ms = T0 + 1;
    assert_ne!(moved.snapshot_hash().unwrap(), hash);
}

const PINNED_SNAPSHOT_HASH: &str =
    "bee2b2bd33a4371d25f8e224e2c417e145fc87a413ab6d54783e31736d7e13e4";
