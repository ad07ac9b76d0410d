#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests: a failed setup step must fail the test"
)]

use std::time::{Duration, Instant};

use livespot_config::Config;
use livespot_domain::FixedClock;
use livespot_marketdata::{
    BookView, FiltersView, SnapshotClock, SnapshotMessage, SymbolMarket, TickerView, build_message,
    domain_kline,
};
use livespot_strategy::{CycleEngine, MarketBook, check_snapshot, symbol_stages};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const MINUTES: i64 = 240;
const START_MS: i64 = 1_764_000_000_000;

fn price_at(symbol_index: i64, minute: i64) -> Decimal {
    let base = Decimal::from(100 + symbol_index * 50);
    let wave = Decimal::from((minute * (3 + symbol_index)) % 17) / dec!(10);
    base + Decimal::from(minute) / dec!(20) + wave
}

fn market(symbol_index: i64, minutes: i64) -> SymbolMarket {
    let klines = (0..minutes)
        .map(|m| {
            let open = price_at(symbol_index, m);
            let close = price_at(symbol_index, m + 1);
            let high = open.max(close) + dec!(0.3);
            let low = open.min(close) - dec!(0.3);
            let open_ms = START_MS + m * 60_000;
            domain_kline(
                open_ms,
                open_ms + 59_999,
                [open, high, low, close, dec!(50)],
            )
            .unwrap()
        })
        .collect::<Vec<_>>();
    let last = klines.last().unwrap().close.value();
    SymbolMarket {
        filters: Some(FiltersView {
            base_asset: format!("C{symbol_index}"),
            quote_asset: "USDT".to_owned(),
            status: "TRADING".to_owned(),
            spot_allowed: true,
            tick_size: dec!(0.01),
            step_size: dec!(0.001),
            min_qty: dec!(0.001),
            min_notional: dec!(5),
        }),
        ticker: Some(TickerView {
            last_price: last,
            quote_volume: dec!(50_000_000),
            price_change_percent: dec!(2),
        }),
        klines,
        book: Some(BookView {
            bids: vec![(last - dec!(0.01), dec!(4)), (last - dec!(0.02), dec!(3))],
            asks: vec![(last + dec!(0.01), dec!(4)), (last + dec!(0.02), dec!(3))],
            update_id: 1,
        }),
        last_event: None,
    }
}

fn message(symbol_index: i64, minutes: i64) -> SnapshotMessage {
    let now = Instant::now();
    let mut market = market(symbol_index, minutes);
    market.last_event = Some(now);
    let clock = SnapshotClock {
        now,
        now_ms: START_MS + minutes * 60_000 + 1,
        rest_age: Duration::from_secs(1),
        seq: u64::try_from(minutes).unwrap(),
    };
    let symbol = format!("C{symbol_index}USDT");
    build_message(&symbol, &market, 1000, clock)
        .unwrap()
        .unwrap()
}

fn config() -> Config {
    let text = livespot_config::SHIPPED_CONFIG_TEXT
        .replace(
            "min_quote_volume_24h = \"20000000\"",
            "min_quote_volume_24h = \"0\"",
        )
        .replace("kline_interval = \"15m\"", "kline_interval = \"1m\"");
    Config::from_toml(&text).unwrap()
}

fn book(minutes: i64) -> MarketBook {
    let mut book = MarketBook::default();
    for index in 0..4 {
        book.ingest(message(index, minutes));
    }
    book
}

#[test]
fn a_cycle_selects_a_watchlist_and_assesses_every_member_with_the_snapshot_ids() {
    let mut engine = CycleEngine::new(&config(), "CYC-T".to_owned());
    let clock = FixedClock::new(START_MS + MINUTES * 60_000 + 1);
    let report = engine.run_cycle(&book(MINUTES), &clock).unwrap();
    assert_eq!(report.cycle_id.as_str(), "CYC-T-000001");
    let scan = report.scan.as_ref().unwrap();
    assert_eq!(scan.universe, 4);
    assert!(!scan.watchlist.is_empty());
    assert_eq!(report.outcomes.len(), scan.watchlist.len());
    for outcome in &report.outcomes {
        assert!(
            outcome
                .snapshot_id
                .as_str()
                .starts_with(&format!("SNAP-{}", outcome.symbol))
        );
        if let Some(decision) = &outcome.assessment.decision {
            assert_eq!(decision.snapshot_id, outcome.snapshot_id);
            assert_eq!(decision.snapshot_hash, outcome.snapshot_hash);
            assert_eq!(
                outcome.assessment.decision_hash.clone().unwrap(),
                decision.decision_hash().unwrap()
            );
        } else {
            assert!(!outcome.assessment.reason_codes.is_empty());
        }
        assert_eq!(
            symbol_stages(&outcome.assessment).last().copied(),
            Some(if outcome.assessment.is_entry() {
                "DECISION"
            } else {
                "BLOCKED"
            })
        );
    }
    let second = engine.run_cycle(&book(MINUTES), &clock).unwrap();
    assert_eq!(second.cycle_id.as_str(), "CYC-T-000002");
    assert!(second.scan.is_none());
}

#[test]
fn two_engines_on_the_same_snapshots_make_identical_assessments() {
    let clock = FixedClock::new(START_MS + MINUTES * 60_000 + 1);
    let run = || {
        let mut engine = CycleEngine::new(&config(), "CYC-D".to_owned());
        let report = engine.run_cycle(&book(MINUTES), &clock).unwrap();
        serde_json::to_string(
            &report
                .outcomes
                .iter()
                .map(|o| &o.assessment)
                .collect::<Vec<_>>(),
        )
        .unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn a_short_history_is_blocked_not_decided() {
    let mut engine = CycleEngine::new(&config(), "CYC-S".to_owned());
    let clock = FixedClock::new(START_MS + 10 * 60_000 + 1);
    let report = engine.run_cycle(&book(10), &clock).unwrap();
    assert!(
        report
            .outcomes
            .iter()
            .all(|o| o.assessment.decision.is_none())
    );
}

#[test]
fn book_ingest_reports_a_new_close_only_when_a_kline_is_added() {
    let mut book = MarketBook::default();
    assert!(book.ingest(message(0, 50)));
    assert!(!book.ingest(message(0, 50)));
    assert!(book.ingest(message(0, 51)));
    let input = &book.symbols["C0USDT"];
    assert_eq!(input.one_minute.len(), 51);
    assert_eq!(input.books.len(), 3);
}

#[test]
fn a_snapshot_whose_hash_does_not_match_is_refused() {
    let good = message(1, 60);
    let text = serde_json::to_string(&good).unwrap();
    assert!(check_snapshot(&text).is_ok());
    let mut tampered = good;
    tampered.snapshot.ws_age_ms += 1;
    let violation = check_snapshot(&serde_json::to_string(&tampered).unwrap()).unwrap_err();
    assert_eq!(violation.reason.as_str(), "CONTRACT_HASH_INVALID");
    let garbage = check_snapshot("{\"snapshot\":1}").unwrap_err();
    assert_eq!(garbage.reason.as_str(), "IPC_DECODE_FAILED");
}

#[test]
fn an_entry_is_proposed_once_per_closed_bar() {
    let clock = FixedClock::new(START_MS + MINUTES * 60_000 + 1);
    let mut entry = None;
    for minutes in MINUTES..MINUTES + 60 {
        let mut engine = CycleEngine::new(&config(), "CYC-E".to_owned());
        let report = engine.run_cycle(&book(minutes), &clock).unwrap();
        if let Some(found) = report.outcomes.iter().find(|o| o.assessment.is_entry()) {
            entry = Some((engine, minutes, found.clone()));
            break;
        }
    }
    let (mut engine, minutes, found) = entry.expect("some bar gives an entry");
    engine.note_entry(&found.symbol, 1, found.bar_open_ms);
    let again = engine.run_cycle(&book(minutes), &clock).unwrap();
    let repeat = again
        .outcomes
        .iter()
        .find(|o| o.symbol == found.symbol)
        .unwrap();
    assert!(!repeat.assessment.is_entry());
    assert_eq!(
        repeat.assessment.reason_codes,
        vec![livespot_domain::ReasonCode::EntryBarAlreadyProposed]
    );
}

fn fifteen_minute_config() -> Config {
    let text = livespot_config::SHIPPED_CONFIG_TEXT.replace(
        "min_quote_volume_24h = \"20000000\"",
        "min_quote_volume_24h = \"0\"",
    );
    assert!(text.contains("kline_interval = \"15m\""));
    Config::from_toml(&text).unwrap()
}

#[test]
fn at_the_shipped_15m_cadence_an_entry_is_proposed_once_per_15m_bar_not_per_minute() {
    let clock = FixedClock::new(START_MS + 2_000 * 60_000);
    let found = (900..1_000).find_map(|minutes| {
        let mut engine = CycleEngine::new(&fifteen_minute_config(), "CYC-Q".to_owned());
        let report = engine.run_cycle(&book(minutes), &clock).unwrap();
        let entry = report
            .outcomes
            .into_iter()
            .find(|o| o.assessment.is_entry());
        entry
            .filter(|_| (minutes + 1) % 15 != 0)
            .map(|o| (engine, minutes, o))
    });
    let (mut engine, minutes, entry) = found.expect("some 15m bar gives an entry");
    let bar = entry.bar_open_ms.unwrap();
    assert_eq!(bar, START_MS + (minutes / 15 - 1) * 15 * 60_000);
    engine.note_entry(&entry.symbol, 1, entry.bar_open_ms);
    let next_minute = engine.run_cycle(&book(minutes + 1), &clock).unwrap();
    let same_bar = next_minute
        .outcomes
        .iter()
        .find(|o| o.symbol == entry.symbol)
        .unwrap();
    assert_eq!(same_bar.bar_open_ms, Some(bar));
    assert_eq!(
        same_bar.assessment.reason_codes,
        vec![livespot_domain::ReasonCode::EntryBarAlreadyProposed]
    );
    let next_bar_minutes = (minutes / 15 + 1) * 15;
    let later = engine.run_cycle(&book(next_bar_minutes), &clock).unwrap();
    let new_bar = later
        .outcomes
        .iter()
        .find(|o| o.symbol == entry.symbol)
        .unwrap();
    assert_eq!(new_bar.bar_open_ms, Some(bar + 15 * 60_000));
    assert!(
        !new_bar
            .assessment
            .reason_codes
            .contains(&livespot_domain::ReasonCode::EntryBarAlreadyProposed)
    );
}
