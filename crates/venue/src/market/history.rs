use rust_decimal::Decimal;

use super::kline::{Kline, MINUTE_MS};
use super::profile::{MarketProfile, SymbolProfile};
use super::rng::SplitMix;
use super::synthetic::SyntheticPath;
use crate::num::floor_to_step;

pub const HISTORY_MINUTES: i64 = 1_440;
pub const HISTORY_STEP_MS: i64 = 3_000;
const STEPS_PER_MINUTE: i64 = MINUTE_MS / HISTORY_STEP_MS;
const TRADES_PER_STEP: u64 = 30;
const OPENING_TREND_AGE_MINUTES: (u64, u64) = (360, 540);
const OPENING_TREND_AHEAD_MINUTES: (u64, u64) = (60, 180);

pub struct HistorySpec<'a> {
    pub symbol: &'a str,
    pub profile: &'a SymbolProfile,
    pub market: MarketProfile,
    pub seed: u64,
    pub tick: Decimal,
    pub step: Decimal,
}

pub fn quote_per_minute(profile: &SymbolProfile) -> Decimal {
    profile.quote_volume_24h / Decimal::from(HISTORY_MINUTES)
}

fn between(rng: &mut SplitMix, bounds: (u64, u64)) -> u64 {
    bounds.0 + rng.below(bounds.1.saturating_sub(bounds.0) + 1)
}

fn opening_trend_start(spec: &HistorySpec<'_>, rng: &mut SplitMix) -> Option<(i64, u64)> {
    if !spec.market.shape().opens_in_up_trend {
        return None;
    }
    let age = between(rng, OPENING_TREND_AGE_MINUTES);
    let ahead = between(rng, OPENING_TREND_AHEAD_MINUTES);
    let start = HISTORY_MINUTES - i64::try_from(age).unwrap_or(HISTORY_MINUTES);
    Some((start.max(0), age + ahead))
}

fn record_step(
    kline: &mut Kline,
    rng: &mut SplitMix,
    spec: &HistorySpec<'_>,
    price: Decimal,
    notional: Decimal,
) {
    let share = Decimal::from(50 + rng.below(101)) / Decimal::ONE_HUNDRED;
    let qty = floor_to_step(notional * share / price.max(spec.tick), spec.step).max(spec.step);
    let trades = TRADES_PER_STEP / 2 + rng.below(TRADES_PER_STEP + 1);
    kline.record_bulk(price, qty, trades, rng.below(2) == 0);
}

pub fn synthetic_history(spec: &HistorySpec<'_>, now: i64) -> (Vec<Kline>, SyntheticPath) {
    let mut rng = SplitMix::for_symbol(spec.seed.wrapping_add(1), spec.symbol);
    let mut path = SyntheticPath::new(spec.profile, spec.market.shape());
    let opening = opening_trend_start(spec, &mut rng);
    let first_open = now - now.rem_euclid(MINUTE_MS) - HISTORY_MINUTES * MINUTE_MS;
    let step_flow = quote_per_minute(spec.profile) / Decimal::from(STEPS_PER_MINUTE);
    let mut klines = Vec::with_capacity(usize::try_from(HISTORY_MINUTES).unwrap_or_default());
    for minute in 0..HISTORY_MINUTES {
        if let Some((start, length)) = opening
            && start == minute
        {
            path.force_trend(&mut rng, true, length);
        }
        let open_price = floor_to_step(path.mid, spec.tick);
        let mut kline = Kline::flat(first_open + minute * MINUTE_MS, MINUTE_MS, open_price);
        for _ in 0..STEPS_PER_MINUTE {
            let price = floor_to_step(path.step(&mut rng, HISTORY_STEP_MS), spec.tick);
            let notional = step_flow * Decimal::from(path.activity_x1000()) / Decimal::from(1_000);
            record_step(&mut kline, &mut rng, spec, price, notional);
        }
        klines.push(kline);
    }
    (klines, path)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::market::profile::symbol_profile;
    use crate::market::synthetic::Regime;

    const NOW: i64 = 1_700_000_030_000;

    fn history(symbol: &str, market: MarketProfile) -> (Vec<Kline>, SyntheticPath) {
        let profile = symbol_profile(symbol).unwrap();
        let spec = HistorySpec {
            symbol,
            profile: &profile,
            market,
            seed: 1,
            tick: dec!(0.01),
            step: dec!(0.00001),
        };
        synthetic_history(&spec, NOW)
    }

    #[test]
    fn history_covers_a_day_of_closed_minutes_with_the_profile_volume() {
        let (klines, _) = history("BTCUSDT", MarketProfile::Trending);
        assert_eq!(klines.len(), 1_440);
        let last = klines.last().unwrap();
        assert!(last.close_time < NOW);
        assert_eq!(last.close_time + 1, NOW - NOW.rem_euclid(MINUTE_MS));
        let volume: Decimal = klines.iter().map(|k| k.quote_volume).sum();
        let profile = symbol_profile("BTCUSDT").unwrap().quote_volume_24h;
        assert!(
            volume > profile * dec!(0.7) && volume < profile * dec!(1.4),
            "{volume}"
        );
        assert!(klines.iter().all(|k| k.trades > 0 && k.low <= k.high));
    }

    #[test]
    fn trending_profile_opens_in_an_up_trend_for_every_symbol() {
        for symbol in ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"] {
            let (_, path) = history(symbol, MarketProfile::Trending);
            assert!(
                matches!(path.regime, Regime::Trend { drift_ppb_per_minute } if drift_ppb_per_minute > 0),
                "{symbol}: {:?}",
                path.regime
            );
        }
    }
}
