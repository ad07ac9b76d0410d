use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::rng::hash_mix;
use crate::num::{ceil_to_step, floor_to_step};

pub const LEVELS_PER_SIDE: i64 = 100;
const SPREAD_PPM: i64 = 2;
const GAP_PPM: i64 = 10;
pub const LEVEL_NOTIONAL: i64 = 5_000;

#[derive(Debug, Clone, Copy)]
pub struct LadderSpec {
    pub tick: Decimal,
    pub step: Decimal,
    pub seed: u64,
    pub level_notional: Decimal,
}

pub struct Ladder {
    pub bids: BTreeMap<Decimal, Decimal>,
    pub asks: BTreeMap<Decimal, Decimal>,
}

fn ppm_of(value: Decimal, ppm: i64) -> Decimal {
    value * Decimal::new(ppm, 6)
}

pub fn base_qty(mid: Decimal, spec: &LadderSpec) -> Decimal {
    let raw = spec.level_notional / mid.max(Decimal::new(1, 8));
    floor_to_step(raw, spec.step).max(spec.step)
}

fn level_qty(spec: &LadderSpec, base: Decimal, price: Decimal) -> Decimal {
    let ticks = if spec.tick.is_zero() {
        price
    } else {
        price / spec.tick
    };
    let key = i64::try_from(ticks.trunc()).unwrap_or_default();
    let percent = 50 + hash_mix(spec.seed, key) % 150;
    let qty = base * Decimal::from(percent) / Decimal::ONE_HUNDRED;
    floor_to_step(qty, spec.step).max(spec.step)
}

pub fn build(spec: &LadderSpec, mid: Decimal) -> Ladder {
    let tick = spec.tick.max(Decimal::new(1, 8));
    let spread = ceil_to_step(ppm_of(mid, SPREAD_PPM), tick).max(tick);
    let gap = floor_to_step(ppm_of(mid, GAP_PPM), tick).max(tick);
    let best_bid = floor_to_step(mid - spread / Decimal::TWO, tick).max(tick);
    let best_ask = best_bid + spread;
    let base = base_qty(mid, spec);
    let mut bids = BTreeMap::new();
    let mut asks = BTreeMap::new();
    bids.insert(best_bid, level_qty(spec, base, best_bid));
    asks.insert(best_ask, level_qty(spec, base, best_ask));
    let grid_bid = floor_to_step(best_bid - tick, gap);
    let grid_ask = ceil_to_step(best_ask + tick, gap);
    for level in 0..LEVELS_PER_SIDE - 1 {
        let offset = gap * Decimal::from(level);
        let bid = grid_bid - offset;
        if bid > Decimal::ZERO {
            bids.insert(bid, level_qty(spec, base, bid));
        }
        let ask = grid_ask + offset;
        asks.insert(ask, level_qty(spec, base, ask));
    }
    Ladder { bids, asks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ladder_has_a_positive_spread_on_ticks() {
        let spec = LadderSpec {
            tick: dec!(0.01),
            step: dec!(0.00001),
            seed: 1,
            level_notional: dec!(5000),
        };
        let ladder = build(&spec, dec!(65000.123));
        let best_bid = *ladder.bids.keys().next_back().unwrap();
        let best_ask = *ladder.asks.keys().next().unwrap();
        assert!(best_bid < best_ask);
        assert!((best_bid % dec!(0.01)).is_zero());
        assert!(best_ask - best_bid < dec!(1));
        assert_eq!(ladder.asks.len(), 100);
    }

    #[test]
    fn level_sizes_are_stable_when_the_mid_moves_a_little() {
        let spec = LadderSpec {
            tick: dec!(0.01),
            step: dec!(0.00001),
            seed: 1,
            level_notional: dec!(5000),
        };
        let a = build(&spec, dec!(65000));
        let b = build(&spec, dec!(65000.01));
        let shared = a
            .asks
            .iter()
            .filter(|(p, q)| b.asks.get(p) == Some(q))
            .count();
        assert!(shared > 50);
    }
}
