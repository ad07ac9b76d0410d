use livespot_pipeline::{
    EntryChoice, EntryFallback, EntryOrder, ExitChoice, Kline, TrailingResolved,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;

fn candle(open_time_ms: i64, open: Decimal, high: Decimal, low: Decimal, close: Decimal) -> Kline {
    Kline {
        open_time_ms,
        open,
        high,
        low,
        close,
        volume: dec!(1),
        close_time_ms: open_time_ms + 59_999,
        quote_volume: None,
        trades: None,
        taker_buy_base: None,
        taker_buy_quote: None,
    }
}

fn pending(order: EntryOrder, fallback: EntryFallback) -> PendingEntry {
    PendingEntry {
        symbol: "BTCUSDT".to_owned(),
        decided_ms: 0,
        entry: EntryChoice {
            order,
            ttl_ms: (order == EntryOrder::MakerFirst).then_some(30_000),
            fallback,
            limit_price: Some(dec!(100)),
            reference_price: dec!(100),
            taker_premium_bps: dec!(5),
        },
        exit: ExitChoice {
            take_profit: dec!(104),
            stop_loss: dec!(98),
            atr: dec!(1),
            trailing: TrailingResolved::Virtual,
            trailing_activation_price: Some(dec!(102)),
            trailing_distance: Some(dec!(1)),
            trailing_delta_bips: None,
        },
        quantity: dec!(1),
        slippage_bps: dec!(10),
    }
}

#[test]
fn maker_fills_only_when_price_trades_through_the_limit_within_ttl() {
    let maker = pending(EntryOrder::MakerFirst, EntryFallback::None);
    assert_eq!(
        maker.step(&candle(0, dec!(101), dec!(101), dec!(100), dec!(100.5))),
        EntryOutcome::Waiting
    );
    let filled = maker.step(&candle(0, dec!(101), dec!(101), dec!(99.9), dec!(100.5)));
    assert!(
        matches!(filled, EntryOutcome::Filled(ref p) if p.entry_price == dec!(100) && p.entry_was_maker)
    );
    assert_eq!(
        maker.step(&candle(60_000, dec!(101), dec!(101), dec!(99), dec!(100))),
        EntryOutcome::Missed
    );
}

#[test]
fn maker_fallback_takes_the_next_open_with_slippage_after_ttl() {
    let maker = pending(EntryOrder::MakerFirst, EntryFallback::Ioc);
    let filled = maker.step(&candle(
        60_000,
        dec!(101),
        dec!(102),
        dec!(100.5),
        dec!(101),
    ));
    assert!(
        matches!(filled, EntryOutcome::Filled(ref p) if p.entry_price == dec!(101.101) && !p.entry_was_maker)
    );
}

#[test]
fn ioc_fills_at_open_capped_by_limit_or_misses() {
    let ioc = pending(EntryOrder::Ioc, EntryFallback::None);
    let filled = ioc.step(&candle(0, dec!(99.95), dec!(101), dec!(99), dec!(100)));
    assert!(matches!(filled, EntryOutcome::Filled(ref p) if p.entry_price == dec!(100)));
    assert_eq!(
        ioc.step(&candle(0, dec!(100.5), dec!(101), dec!(99), dec!(100))),
        EntryOutcome::Missed
    );
}

#[test]
fn stop_is_checked_before_take_profit_and_trailing_raises_the_stop() {
    let EntryOutcome::Filled(mut position) = pending(EntryOrder::Market, EntryFallback::None)
        .step(&candle(0, dec!(100), dec!(100), dec!(100), dec!(100)))
    else {
        unreachable!("market entry always fills");
    };
    assert_eq!(
        position.step(&candle(60_000, dec!(100), dec!(105), dec!(97), dec!(100))),
        Some((ExitKind::Stop, dec!(98)))
    );
    position.stop = dec!(98);
    assert_eq!(
        position.step(&candle(
            120_000,
            dec!(101),
            dec!(103),
            dec!(100.5),
            dec!(102)
        )),
        None
    );
    assert_eq!(position.stop, dec!(102));
    assert_eq!(
        position.step(&candle(
            180_000,
            dec!(103),
            dec!(104.5),
            dec!(102.5),
            dec!(104)
        )),
        Some((ExitKind::TakeProfit, dec!(104)))
    );
}

#[test]
fn pnl_subtracts_entry_and_exit_fees() {
    let EntryOutcome::Filled(position) = pending(EntryOrder::MakerFirst, EntryFallback::None)
        .step(&candle(0, dec!(101), dec!(101), dec!(99), dec!(100)))
    else {
        unreachable!("maker entry fills when the low trades through");
    };
    assert_eq!(
        position.pnl(dec!(104), dec!(10), dec!(10)),
        dec!(4) - dec!(0.1) - dec!(0.104)
    );
}
