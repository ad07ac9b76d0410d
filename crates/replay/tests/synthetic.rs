use std::io::Write;

use livespot_config::Config;
use livespot_pipeline::{KLINE_CSV_HEADER, Kline};
use livespot_replay::{
    DecisionsRequest, Engine, ReplayError, build_series, from_config, run_decisions,
};
use rust_decimal::Decimal;

const MINUTE: i64 = 60_000;
const START: i64 = 1_774_267_200_000;

fn wave(index: i64, base: i64, swing: i64) -> Decimal {
    let phase = index % 400;
    let offset = if phase < 200 { phase } else { 400 - phase };
    Decimal::from(base * 100 + offset * swing) / Decimal::ONE_HUNDRED
}

fn minutes(count: i64, base: i64, swing: i64) -> Vec<Kline> {
    (0..count)
        .map(|index| {
            let open = wave(index, base, swing);
            let close = wave(index + 1, base, swing);
            Kline {
                open_time_ms: START + index * MINUTE,
                open,
                high: open.max(close) + Decimal::new(5, 2),
                low: open.min(close) - Decimal::new(5, 2),
                close,
                volume: Decimal::from(50_000),
                close_time_ms: START + index * MINUTE + MINUTE - 1,
                quote_volume: None,
                trades: None,
                taker_buy_base: None,
                taker_buy_quote: None,
            }
        })
        .collect()
}

fn replay_bytes() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let params = from_config(&Config::shipped()?);
    let series = vec![
        build_series("AAAUSDT".to_owned(), minutes(6000, 1000, 3), 15)?,
        build_series("BBBUSDT".to_owned(), minutes(6000, 500, 2), 15)?,
    ];
    let mut out = Vec::new();
    let summary = Engine::new(&series, &params, Decimal::from(10_000), 15).run(&mut out)?;
    assert_eq!(summary.klines, 12_000);
    assert_eq!(summary.bars, 800);
    assert!(summary.decisions > 0, "{summary:?}");
    assert_eq!(summary.decisions, summary.entries_proposed + summary.blocks);
    Ok(out)
}

#[test]
fn synthetic_replay_is_byte_identical_and_ends_with_a_summary() {
    let first = replay_bytes().unwrap();
    assert_eq!(first, replay_bytes().unwrap());
    let text = String::from_utf8(first).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["spread_source"], "KLINE_RANGE_PROXY");
    let decision_lines = text
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"decision\""))
        .count();
    assert_eq!(last["decisions"], u64::try_from(decision_lines).unwrap());
}

#[test]
fn request_errors_carry_reason_codes() {
    let params = from_config(&Config::shipped().unwrap());
    let mut sink = Vec::new();
    let empty = DecisionsRequest {
        klines: Vec::new(),
        equity: Decimal::ONE,
        interval_minutes: 15,
    };
    assert_eq!(
        run_decisions(&empty, &params, &mut sink)
            .unwrap_err()
            .reason_code(),
        "REPLAY_NO_INPUT"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("AAAUSDT-1m-test.csv");
    let mut file = std::fs::File::create(&path).unwrap();
    writeln!(
        file,
        "{KLINE_CSV_HEADER}\n60000,1,2,1,2,5,119999,,,,\n120000,1,2,oops,2,5,179999,,,,"
    )
    .unwrap();
    let bad_interval = DecisionsRequest {
        klines: vec![path.clone()],
        equity: Decimal::ONE,
        interval_minutes: 0,
    };
    assert_eq!(
        run_decisions(&bad_interval, &params, &mut sink)
            .unwrap_err()
            .reason_code(),
        "REPLAY_INTERVAL_INVALID"
    );
    let bad_row = DecisionsRequest {
        klines: vec![path.clone()],
        equity: Decimal::ONE,
        interval_minutes: 1,
    };
    let error = run_decisions(&bad_row, &params, &mut sink).unwrap_err();
    assert_eq!(error.reason_code(), "KLINE_CSV_FIELD");
    assert!(error.to_string().contains("line 3"), "{error}");
}

#[test]
fn the_same_symbol_twice_is_refused() {
    let params = from_config(&Config::shipped().unwrap());
    let mut sink = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("BBBUSDT-1m-test.csv");
    std::fs::write(
        &good,
        format!("{KLINE_CSV_HEADER}\n60000,1,2,1,2,5,119999,,,,\n"),
    )
    .unwrap();
    let twice = DecisionsRequest {
        klines: vec![good.clone(), good],
        equity: Decimal::ONE,
        interval_minutes: 1,
    };
    let duplicate = run_decisions(&twice, &params, &mut sink).unwrap_err();
    assert!(
        matches!(duplicate, ReplayError::DuplicateSymbol { ref symbol } if symbol == "BBBUSDT"),
        "{duplicate}"
    );
}

#[test]
fn equity_must_be_positive_and_bounded() {
    let params = from_config(&Config::shipped().unwrap());
    let mut sink = Vec::new();
    let broke = DecisionsRequest {
        klines: vec![std::path::PathBuf::from("X-1m.csv")],
        equity: Decimal::ZERO,
        interval_minutes: 15,
    };
    assert_eq!(
        run_decisions(&broke, &params, &mut sink)
            .unwrap_err()
            .reason_code(),
        "REPLAY_EQUITY_INVALID"
    );
    let rich = DecisionsRequest {
        equity: Decimal::from(10_000_000_000_000_000_i64),
        ..broke
    };
    assert_eq!(
        run_decisions(&rich, &params, &mut sink)
            .unwrap_err()
            .reason_code(),
        "REPLAY_EQUITY_INVALID"
    );
}
