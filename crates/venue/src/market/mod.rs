mod history;
pub mod kline;
pub mod ladder;
pub mod profile;
pub mod replay;
pub mod rng;
mod symbol_market;
pub mod synthetic;

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

pub use profile::MarketProfile;
pub use symbol_market::{PriceSource, PublicTrade, SymbolMarket};

use crate::error::VenueError;
use crate::exchange::{Exchange, SymbolSpec};
use history::{HistorySpec, quote_per_minute, synthetic_history};
use kline::{Kline, MINUTE_MS};
use ladder::{LEVEL_NOTIONAL, LadderSpec};
use replay::ReplayPath;
use rng::SplitMix;

const REPLAY_HISTORY_MINUTES: i64 = 500;
const REPLAY_QUOTE_PER_MINUTE: i64 = 465_000;

fn ladder_spec(spec: &SymbolSpec, seed: u64, level_notional: Decimal) -> LadderSpec {
    LadderSpec {
        tick: spec.filters.tick_size(),
        step: spec.filters.step_size(),
        seed: SplitMix::for_symbol(seed, &spec.symbol).next_u64(),
        level_notional,
    }
}

#[cfg(test)]
pub fn synthetic(exchange: &Exchange, seed: u64, now: i64) -> BTreeMap<String, SymbolMarket> {
    synthetic_with_profile(exchange, seed, MarketProfile::default(), now)
}

pub fn synthetic_with_profile(
    exchange: &Exchange,
    seed: u64,
    market: MarketProfile,
    now: i64,
) -> BTreeMap<String, SymbolMarket> {
    let mut markets = BTreeMap::new();
    for spec in exchange.symbols.values().filter(|s| s.is_trading()) {
        let Some(profile) = profile::symbol_profile(&spec.symbol) else {
            continue;
        };
        let flow = quote_per_minute(&profile);
        let ladder = ladder_spec(spec, seed, Decimal::from(LEVEL_NOTIONAL));
        let history_spec = HistorySpec {
            symbol: &spec.symbol,
            profile: &profile,
            market,
            seed,
            tick: ladder.tick,
            step: ladder.step,
        };
        let (history, path) = synthetic_history(&history_spec, now);
        let source = PriceSource::Synthetic(path);
        let market = SymbolMarket::new(&spec.symbol, ladder, source, history, now, flow);
        markets.insert(spec.symbol.clone(), market);
    }
    markets
}

pub fn last_tick_time(markets: &BTreeMap<String, SymbolMarket>) -> Option<i64> {
    markets.values().map(|market| market.last_step_ms).max()
}

fn shift_history(klines: &[Kline], count: usize, now: i64) -> Vec<Kline> {
    let minute = now - now.rem_euclid(MINUTE_MS);
    let first_open = minute - i64::try_from(count).unwrap_or_default() * MINUTE_MS;
    klines
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, k)| {
            let mut shifted = k.clone();
            shifted.open_time = first_open + i64::try_from(i).unwrap_or_default() * MINUTE_MS;
            shifted.close_time = shifted.open_time + MINUTE_MS - 1;
            shifted
        })
        .collect()
}

pub fn replay(
    exchange: &Exchange,
    dir: &Path,
    seed: u64,
    now: i64,
) -> Result<BTreeMap<String, SymbolMarket>, VenueError> {
    let mut markets = BTreeMap::new();
    for (symbol, path) in replay::find_files(dir)? {
        let Some(spec) = exchange.symbols.get(&symbol) else {
            continue;
        };
        let klines = replay::load_csv(&path)?;
        let start_index = usize::try_from(REPLAY_HISTORY_MINUTES)
            .unwrap_or_default()
            .min(klines.len() / 2);
        let history = shift_history(&klines, start_index, now);
        let source = PriceSource::Replay(ReplayPath::new(klines, start_index));
        let ladder = ladder_spec(spec, seed, Decimal::from(LEVEL_NOTIONAL));
        let flow = Decimal::from(REPLAY_QUOTE_PER_MINUTE);
        let market = SymbolMarket::new(&symbol, ladder, source, history, now, flow);
        markets.insert(symbol, market);
    }
    if markets.is_empty() {
        return Err(VenueError::ReplayLoad {
            path: dir.to_path_buf(),
            detail: "no <SYMBOL>-1m-*.csv file for a known symbol".to_owned(),
        });
    }
    Ok(markets)
}

#[cfg(test)]
#[path = "market_tests.rs"]
mod tests;
