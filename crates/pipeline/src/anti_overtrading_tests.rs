use super::*;

const MINUTE: i64 = 60_000;

fn params() -> OvertradeParams {
    OvertradeParams {
        window_ms: 60 * MINUTE,
        max_entries_per_symbol_window: 2,
        cooldown_after_exit_ms: 15 * MINUTE,
        max_loss_streak: 3,
        loss_streak_pause_ms: 120 * MINUTE,
        max_entries_per_day: 4,
    }
}

const START: i64 = 10 * DAY_MS;

#[test]
fn empty_ledger_allows() {
    assert!(
        TradeLedger::default()
            .check("BTCUSDT", START, &params())
            .is_empty()
    );
}

#[test]
fn symbol_window_limit_blocks_until_the_window_passes() {
    let mut ledger = TradeLedger::default();
    ledger.record_entry("BTCUSDT", START);
    ledger.record_entry("BTCUSDT", START + 10 * MINUTE);
    let now = START + 20 * MINUTE;
    assert_eq!(
        ledger.check("BTCUSDT", now, &params()),
        vec![ReasonCode::OvertradeSymbolWindow]
    );
    assert!(ledger.check("ETHUSDT", now, &params()).is_empty());
    assert!(
        ledger
            .check("BTCUSDT", START + 60 * MINUTE, &params())
            .is_empty()
    );
}

#[test]
fn cooldown_after_exit_is_per_symbol_and_expires() {
    let mut ledger = TradeLedger::default();
    ledger.record_exit("BTCUSDT", START, true);
    assert_eq!(
        ledger.check("BTCUSDT", START + 14 * MINUTE, &params()),
        vec![ReasonCode::CooldownActive]
    );
    assert!(
        ledger
            .check("BTCUSDT", START + 15 * MINUTE, &params())
            .is_empty()
    );
    assert!(
        ledger
            .check("ETHUSDT", START + MINUTE, &params())
            .is_empty()
    );
}

#[test]
fn loss_streak_blocks_for_the_pause_and_a_win_resets_it() {
    let mut ledger = TradeLedger::default();
    for symbol in ["A", "B", "C"] {
        ledger.record_exit(symbol, START, false);
    }
    assert_eq!(ledger.loss_streak(), 3);
    let later = START + 30 * MINUTE;
    assert_eq!(
        ledger.check("D", later, &params()),
        vec![ReasonCode::OvertradeLossStreak]
    );
    assert!(
        ledger
            .check("D", START + 120 * MINUTE, &params())
            .is_empty()
    );
    ledger.record_exit("E", START, true);
    assert_eq!(ledger.loss_streak(), 0);
    assert!(ledger.check("D", later, &params()).is_empty());
}

#[test]
fn trades_per_utc_day_limit() {
    let mut ledger = TradeLedger::default();
    for (index, symbol) in ["A", "B", "C", "D"].iter().enumerate() {
        ledger.record_entry(symbol, START + i64::try_from(index).unwrap() * MINUTE);
    }
    assert_eq!(
        ledger.check("E", START + 5 * MINUTE, &params()),
        vec![ReasonCode::OvertradeDayLimit]
    );
    assert!(ledger.check("E", START + DAY_MS, &params()).is_empty());
}

#[test]
fn prune_keeps_at_least_a_day() {
    let mut ledger = TradeLedger::default();
    ledger.record_entry("A", START);
    ledger.prune(START + DAY_MS, MINUTE);
    assert_eq!(ledger.check("A", START + DAY_MS - 1, &params()).len(), 0);
    ledger.prune(START + DAY_MS + 1, MINUTE);
    assert_eq!(ledger, TradeLedger::default());
}
