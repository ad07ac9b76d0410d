use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::market::profile::{MarketProfile, symbol_profile};

fn btc() -> SymbolProfile {
    symbol_profile("BTCUSDT").unwrap()
}

fn minute_closes(profile: MarketProfile, seed: u64, step_ms: i64, minutes: usize) -> Vec<Decimal> {
    let mut rng = SplitMix::new(seed);
    let mut path = SyntheticPath::new(&btc(), profile.shape());
    let steps = usize::try_from(MINUTE_MS / step_ms).unwrap();
    (0..minutes)
        .map(|_| {
            for _ in 0..steps {
                path.step(&mut rng, step_ms);
            }
            path.mid
        })
        .collect()
}

fn rms_return_bps(closes: &[Decimal]) -> Decimal {
    let squares: Decimal = closes
        .windows(2)
        .map(|w| {
            let r = (w[1] - w[0]) / w[0] * dec!(10000);
            r * r
        })
        .sum();
    let mean = squares / Decimal::from(closes.len() - 1);
    let mut root = dec!(1);
    for _ in 0..40 {
        root = (root + mean / root) / dec!(2);
    }
    root
}

#[test]
fn path_is_deterministic_and_moves() {
    let first = minute_closes(MarketProfile::Trending, 3, 3_000, 200);
    assert_eq!(first, minute_closes(MarketProfile::Trending, 3, 3_000, 200));
    assert_ne!(first, minute_closes(MarketProfile::Trending, 4, 3_000, 200));
    assert!(first.iter().any(|p| *p != dec!(65000)));
    assert!(first.iter().all(|p| *p > dec!(50000) && *p < dec!(80000)));
}

#[test]
fn minute_volatility_matches_the_profile_whatever_the_step() {
    let coarse = rms_return_bps(&minute_closes(MarketProfile::Calm, 7, 3_000, 3_000));
    let fine = rms_return_bps(&minute_closes(MarketProfile::Calm, 7, 100, 400));
    let expected = Decimal::from(btc().minute_volatility_bps) * dec!(0.7);
    for measured in [coarse, fine] {
        assert!(
            measured > expected * dec!(0.6) && measured < expected * dec!(1.6),
            "measured {measured} bps per minute, profile {expected}"
        );
    }
}

#[test]
fn trending_profile_has_both_regimes_and_choppy_never_trends() {
    let count = |profile: MarketProfile| {
        let mut rng = SplitMix::new(11);
        let mut path = SyntheticPath::new(&btc(), profile.shape());
        let (mut trend, mut range) = (0, 0);
        for _ in 0..(20 * 3_000) {
            path.step(&mut rng, 3_000);
            match path.regime {
                Regime::Trend { .. } => trend += 1,
                Regime::Range { .. } => range += 1,
            }
        }
        (trend, range)
    };
    let (trend, range) = count(MarketProfile::Trending);
    assert!(
        trend > range && range > 1_000,
        "trend {trend} range {range}"
    );
    assert_eq!(count(MarketProfile::Choppy).0, 0);
}

#[test]
fn a_forced_up_trend_rises_over_its_episode() {
    let mut rng = SplitMix::new(5);
    let mut path = SyntheticPath::new(&btc(), MarketProfile::Trending.shape());
    path.force_trend(&mut rng, true, 480);
    let start = path.mid;
    for _ in 0..(20 * 480) {
        path.step(&mut rng, 3_000);
    }
    assert!(
        matches!(path.regime, Regime::Trend { drift_ppb_per_minute } if drift_ppb_per_minute > 0)
    );
    assert!(path.mid > start * dec!(1.01), "{start} -> {}", path.mid);
}

#[test]
fn volatility_clusters_by_the_minute() {
    let closes = minute_closes(MarketProfile::Volatile, 13, 3_000, 6_000);
    let moves: Vec<Decimal> = closes
        .windows(2)
        .map(|w| ((w[1] - w[0]) / w[0]).abs())
        .collect();
    let mean: Decimal = moves.iter().copied().sum::<Decimal>() / Decimal::from(moves.len());
    let big = moves.iter().filter(|m| **m > mean * dec!(2)).count();
    let big_then_big = moves
        .windows(2)
        .filter(|w| w[0] > mean * dec!(2) && w[1] > mean * dec!(2))
        .count();
    let independent = Decimal::from(big) * Decimal::from(big) / Decimal::from(moves.len());
    assert!(
        Decimal::from(big_then_big) > independent * dec!(1.3),
        "{big_then_big} vs {independent}"
    );
}
