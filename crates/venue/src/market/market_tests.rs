use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::exchange::Limits;

const NOW: i64 = 1_700_000_000_000;
const LIVE_MINUTES: i64 = 20;
const TICK_MS: i64 = 100;

fn rms_bps(klines: &[Kline]) -> Decimal {
    let squares: Decimal = klines
        .windows(2)
        .map(|w| {
            let r = (w[1].close - w[0].close) / w[0].close * dec!(10000);
            r * r
        })
        .sum();
    let mean = squares / Decimal::from(klines.len() - 1);
    (0..40).fold(dec!(1), |root, _| (root + mean / root) / dec!(2))
}

fn mean_quote(klines: &[Kline]) -> Decimal {
    klines.iter().map(|k| k.quote_volume).sum::<Decimal>() / Decimal::from(klines.len())
}

#[test]
fn live_ticks_continue_the_backfilled_history_with_the_same_minute_statistics() {
    let exchange = Exchange::load(None, Limits::default()).unwrap();
    let mut markets = synthetic_with_profile(&exchange, 1, MarketProfile::Calm, NOW);
    let market = markets.get_mut("ETHUSDT").unwrap();
    let history = market.history.clone();
    assert_eq!(market.last_price, history.last().unwrap().close);
    for tick in 1..=(LIVE_MINUTES * MINUTE_MS / TICK_MS) {
        market.tick(NOW + tick * TICK_MS);
    }
    let live: Vec<Kline> = market.history[history.len()..].to_vec();
    assert!(live.len() >= usize::try_from(LIVE_MINUTES).unwrap() - 1);
    let (live_rms, history_rms) = (rms_bps(&live), rms_bps(&history));
    assert!(
        live_rms > history_rms * dec!(0.4) && live_rms < history_rms * dec!(2.5),
        "live {live_rms} bps, history {history_rms} bps"
    );
    let (live_flow, history_flow) = (mean_quote(&live[1..]), mean_quote(&history));
    assert!(
        live_flow > history_flow * dec!(0.5) && live_flow < history_flow * dec!(2),
        "live {live_flow} per minute, history {history_flow}"
    );
}

#[test]
fn every_default_symbol_trades_above_the_shipped_minimum_volume() {
    let exchange = Exchange::load(None, Limits::default()).unwrap();
    let markets = synthetic_with_profile(&exchange, 1, MarketProfile::Trending, NOW);
    assert_eq!(markets.len(), 5);
    for market in markets.values() {
        let volume: Decimal = market.history.iter().map(|k| k.quote_volume).sum();
        assert!(volume > dec!(20000000), "{}: {volume}", market.symbol);
    }
}

#[test]
fn the_previous_tick_time_lets_a_system_clock_tick_see_the_minute_it_closed() {
    let exchange = Exchange::load(None, Limits::default()).unwrap();
    let start = NOW - NOW.rem_euclid(MINUTE_MS) + 2 * MINUTE_MS - 250;
    let mut markets = synthetic_with_profile(&exchange, 1, MarketProfile::Calm, start);
    assert_eq!(last_tick_time(&markets), Some(start));
    let previous = last_tick_time(&markets).unwrap();
    let crossing = start + 300;
    for market in markets.values_mut() {
        market.tick(crossing);
    }
    let market = &markets["BTCUSDT"];
    assert!(previous < market.current.open_time);
    assert!(crossing >= market.current.open_time);
    assert_eq!(
        market.history.last().unwrap().close_time + 1,
        market.current.open_time
    );
    assert_eq!(last_tick_time(&markets), Some(crossing));
}
