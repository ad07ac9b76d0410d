use rust_decimal_macros::dec;

use livespot_domain::{FixedClock, Validate};

use super::*;
use crate::selection::DeepScanParams;
use crate::{
    AdaptiveParams, EdgeParams, EntryFallback, EntryMode, EntryParams, ExitParams, MicroParams,
    OvertradeParams, RegimeParams, SignalParams, SizingParams, TrailingPolicy,
};

const MINUTE: i64 = 60_000;
const START: i64 = 1_774_000_000_000 / (15 * MINUTE) * (15 * MINUTE);

fn params() -> StrategyParams {
    StrategyParams {
        deep: DeepScanParams {
            atr_period: 14,
            adx_period: 14,
            er_period: 14,
            volatility_period: 32,
            adx_full_score: dec!(50),
        },
        regime: RegimeParams {
            trend_score_min_x10000: 6000,
            range_score_max_x10000: 4000,
            adx_full_score: dec!(50),
            min_volatility_bps: dec!(5),
            max_volatility_bps: dec!(300),
        },
        signal: SignalParams {
            lookback: 8,
            range_entry_fraction: dec!(0.3),
        },
        micro: MicroParams {
            max_spread_bps: dec!(15),
            max_spread_delta_bps: dec!(5),
            proxy_range_fraction: dec!(0.1),
        },
        entry: entry_params(),
        exit: exit_params(),
        edge: EdgeParams {
            maker_fee_bps: dec!(10),
            taker_fee_bps: dec!(10),
            expected_slippage_bps: dec!(2),
            hit_rate_trend_x10000: 5500,
            hit_rate_range_x10000: 5200,
        },
        adaptive: adaptive_params(),
        overtrade: overtrade_params(),
        sizing: SizingParams {
            risk_per_trade_bps: dec!(25),
            max_symbol_exposure_bps: dec!(2000),
            max_total_exposure_bps: dec!(5000),
        },
        decision_ttl_ms: MINUTE,
    }
}

fn exit_params() -> ExitParams {
    ExitParams {
        take_profit_atr_trend: dec!(3),
        stop_loss_atr_trend: dec!(1.5),
        take_profit_atr_range: dec!(2),
        stop_loss_atr_range: dec!(1.5),
        trailing_activation_atr: dec!(2),
        trailing_distance_atr: dec!(1),
        trailing: TrailingPolicy::Auto,
        native_trailing_supported: true,
        min_distance_atr: dec!(0.5),
        max_distance_atr: dec!(6),
    }
}

fn adaptive_params() -> AdaptiveParams {
    AdaptiveParams {
        base_min_edge_bps: dec!(8),
        per_loss_bps: dec!(2),
        max_loss_steps: 5,
        high_volatility_bps: dec!(80),
        high_volatility_add_bps: dec!(5),
    }
}

fn overtrade_params() -> OvertradeParams {
    OvertradeParams {
        window_ms: 60 * MINUTE,
        max_entries_per_symbol_window: 3,
        cooldown_after_exit_ms: 5 * MINUTE,
        max_loss_streak: 3,
        loss_streak_pause_ms: 60 * MINUTE,
        max_entries_per_day: 20,
    }
}

fn entry_params() -> EntryParams {
    EntryParams {
        mode: EntryMode::Auto,
        trend_maker_ttl_ms: 5_000,
        range_maker_ttl_ms: 30_000,
        trend_fallback: EntryFallback::Ioc,
        range_fallback: EntryFallback::None,
        max_taker_premium_bps: dec!(6),
        max_limit_distance_bps: dec!(25),
    }
}

fn rising_bars(count: i64, step_bps: Decimal) -> Vec<Kline> {
    let mut close = dec!(100);
    (0..count)
        .map(|index| {
            let open = close;
            close =
                (close * (Decimal::from(10_000) + step_bps) / Decimal::from(10_000)).round_dp(2);
            Kline {
                open_time_ms: START + index * 15 * MINUTE,
                open,
                high: close + dec!(0.2),
                low: open - dec!(0.2),
                close,
                volume: dec!(10),
                close_time_ms: START + (index + 1) * 15 * MINUTE - 1,
                quote_volume: None,
                trades: None,
                taker_buy_base: None,
                taker_buy_quote: None,
            }
        })
        .collect()
}

fn filters() -> SymbolFilters {
    SymbolFilters {
        tick_size: dec!(0.01),
        step_size: dec!(0.001),
        min_qty: dec!(0.001),
        min_notional: dec!(5),
    }
}

fn assess(bars: &[Kline], ledger: &TradeLedger) -> Assessment {
    assess_with_books(bars, ledger, &[])
}

fn assess_with_books(bars: &[Kline], ledger: &TradeLedger, books: &[BookTop]) -> Assessment {
    let filters = filters();
    let cycle = CycleId::new("CYC-1").unwrap();
    let now_ms = bars.last().map_or(START, |bar| bar.close_time_ms + 1);
    let view = SymbolView {
        symbol: "TESTUSDT",
        bars,
        one_minute: &bars[bars.len().saturating_sub(60)..],
        books,
        filters: &filters,
        score_x10000: 7000,
        previous_regime: None,
        features: None,
    };
    let account = Account {
        equity: dec!(10000),
        symbol_exposure: Decimal::ZERO,
        total_exposure: Decimal::ZERO,
    };
    decide(
        &view,
        &DecideContext {
            clock: &FixedClock::new(now_ms),
            cycle_id: &cycle,
            ledger,
            account,
        },
        &params(),
    )
}

#[test]
fn steady_uptrend_proposes_a_valid_hashed_buy_decision() {
    let bars = rising_bars(64, dec!(30));
    let assessment = assess(&bars, &TradeLedger::default());
    assert_eq!(assessment.regime, Some(Regime::Trend));
    assert!(
        assessment.reason_codes.is_empty(),
        "{:?}",
        assessment.reason_codes
    );
    let decision = assessment.decision.as_ref().unwrap();
    assert_eq!(decision.validate(), Ok(()));
    assert_eq!(
        assessment.decision_hash,
        Some(decision.decision_hash().unwrap())
    );
    assert_eq!(assess(&bars, &TradeLedger::default()), assessment);
}

#[test]
fn short_history_blocks_with_history_insufficient() {
    let assessment = assess(&rising_bars(10, dec!(30)), &TradeLedger::default());
    assert_eq!(
        assessment.reason_codes,
        vec![ReasonCode::HistoryInsufficient]
    );
    assert!(!assessment.is_entry());
}

#[test]
fn falling_market_has_no_spot_entry_signal() {
    let bars = rising_bars(64, dec!(-30));
    let assessment = assess(&bars, &TradeLedger::default());
    assert_eq!(assessment.regime, Some(Regime::Trend));
    assert_eq!(assessment.reason_codes, vec![ReasonCode::SignalNone]);
}

#[test]
fn anti_overtrading_blocks_are_reported_together() {
    let bars = rising_bars(64, dec!(30));
    let now = bars.last().map_or(START, |bar| bar.close_time_ms + 1);
    let mut ledger = TradeLedger::default();
    for _ in 0..3 {
        ledger.record_entry("TESTUSDT", now - MINUTE);
        ledger.record_exit("TESTUSDT", now - MINUTE, false);
    }
    let assessment = assess(&bars, &ledger);
    assert_eq!(
        assessment.reason_codes,
        vec![
            ReasonCode::OvertradeSymbolWindow,
            ReasonCode::CooldownActive,
            ReasonCode::OvertradeLossStreak
        ]
    );
}

#[test]
fn tiny_moves_are_no_trade_by_volatility() {
    let bars = rising_bars(64, dec!(1));
    let assessment = assess(&bars, &TradeLedger::default());
    assert_eq!(assessment.regime, Some(Regime::NoTrade));
    assert_eq!(
        assessment.reason_codes,
        vec![ReasonCode::VolatilityOutOfRange]
    );
}

fn book(bid: Decimal, ask: Decimal) -> BookTop {
    BookTop {
        bid_price: bid,
        bid_qty: dec!(3),
        ask_price: ask,
        ask_qty: dec!(1),
    }
}

#[test]
fn book_snapshots_replace_the_kline_spread_proxy() {
    let bars = rising_bars(64, dec!(30));
    let close = bars.last().map_or(dec!(100), |bar| bar.close);
    let tight = [book(close - dec!(0.01), close + dec!(0.01))];
    let assessment = assess_with_books(&bars, &TradeLedger::default(), &tight);
    let micro = &assessment.features.as_ref().unwrap().micro;
    assert_eq!(micro.source, crate::SpreadSource::Book);
    assert_eq!(micro.imbalance_x10000, 5000);
    assert!(assessment.is_entry(), "{:?}", assessment.reason_codes);
}

#[test]
fn wide_book_blocks_with_spread_too_wide() {
    let bars = rising_bars(64, dec!(30));
    let close = bars.last().map_or(dec!(100), |bar| bar.close);
    let wide = [book(close - dec!(0.5), close + dec!(0.5))];
    let assessment = assess_with_books(&bars, &TradeLedger::default(), &wide);
    assert_eq!(assessment.reason_codes, vec![ReasonCode::SpreadTooWide]);
}
