pub mod kline;
pub mod ladder;
pub mod replay;
pub mod rng;
mod symbol_market;
pub mod synthetic;

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

pub use symbol_market::{PriceSource, PublicTrade, SymbolMarket};

use crate::error::VenueError;
use crate::exchange::{Exchange, SymbolSpec};
use kline::{Kline, MINUTE_MS};
use ladder::LadderSpec;
use replay::ReplayPath;
use rng::SplitMix;
use synthetic::SyntheticPath;

const HISTORY_MINUTES: i64 = 500;
const STEPS_PER_HISTORY_MINUTE: usize = 25;

fn start_price(symbol: &str) -> Option<Decimal> {
    let price = match symbol {
        "BTCUSDT" => Decimal::from(65_000),
        "ETHUSDT" => Decimal::from(3_500),
        "BNBUSDT" => Decimal::from(600),
        "SOLUSDT" => Decimal::from(150),
        "XRPUSDT" => Decimal::new(6, 1),
        _ => return None,
    };
    Some(price)
}

fn ladder_spec(spec: &SymbolSpec, seed: u64) -> LadderSpec {
    LadderSpec {
        tick: spec.filters.tick_size(),
        step: spec.filters.step_size(),
        seed: SplitMix::for_symbol(seed, &spec.symbol).next_u64(),
    }
}

fn synthetic_history(
    symbol: &str,
    seed: u64,
    start: Decimal,
    now: i64,
    tick: Decimal,
) -> (Vec<Kline>, SyntheticPath) {
    let mut rng = SplitMix::for_symbol(seed.wrapping_add(1), symbol);
    let mut path = SyntheticPath::new(start);
    let first_open = now - now.rem_euclid(MINUTE_MS) - HISTORY_MINUTES * MINUTE_MS;
    let mut klines = Vec::new();
    for minute in 0..HISTORY_MINUTES {
        let open_price = crate::num::floor_to_step(path.mid, tick);
        let mut kline = Kline::flat(first_open + minute * MINUTE_MS, MINUTE_MS, open_price);
        for step in 0..STEPS_PER_HISTORY_MINUTE {
            let price = crate::num::floor_to_step(path.step(&mut rng), tick);
            let qty = Decimal::from(1 + rng.below(100)) / Decimal::from(1_000);
            kline.record(-1, price, qty, step % 2 == 0);
        }
        kline.first_trade_id = -1;
        kline.last_trade_id = -1;
        klines.push(kline);
    }
    (klines, path)
}

pub fn synthetic(exchange: &Exchange, seed: u64, now: i64) -> BTreeMap<String, SymbolMarket> {
    let mut markets = BTreeMap::new();
    for spec in exchange.symbols.values().filter(|s| s.is_trading()) {
        let Some(start) = start_price(&spec.symbol) else {
            continue;
        };
        let ladder = ladder_spec(spec, seed);
        let (history, path) = synthetic_history(&spec.symbol, seed, start, now, ladder.tick);
        let market = SymbolMarket::new(
            &spec.symbol,
            ladder,
            PriceSource::Synthetic(path),
            history,
            now,
        );
        markets.insert(spec.symbol.clone(), market);
    }
    markets
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
        let start_index = usize::try_from(HISTORY_MINUTES)
            .unwrap_or_default()
            .min(klines.len() / 2);
        let history = shift_history(&klines, start_index, now);
        let source = PriceSource::Replay(ReplayPath::new(klines, start_index));
        let market = SymbolMarket::new(&symbol, ladder_spec(spec, seed), source, history, now);
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
