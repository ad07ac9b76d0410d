use rust_decimal::Decimal;

use super::rng::SplitMix;

const PPM: i64 = 1_000_000;
const BASE_VOL_PPM: i64 = 40;
const REGIME_SWITCH_ODDS: u64 = 3_000;
const SHOCK_ODDS: u64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    Trend { drift_ppm: i64 },
    Range { anchor: Decimal },
}

#[derive(Debug, Clone)]
pub struct SyntheticPath {
    pub mid: Decimal,
    pub regime: Regime,
    vol_ppm: i64,
}

impl SyntheticPath {
    pub fn new(start: Decimal) -> Self {
        Self {
            mid: start,
            regime: Regime::Range { anchor: start },
            vol_ppm: BASE_VOL_PPM,
        }
    }

    fn maybe_switch(&mut self, rng: &mut SplitMix) {
        if rng.below(REGIME_SWITCH_ODDS) != 0 {
            return;
        }
        self.regime = match self.regime {
            Regime::Range { .. } => {
                let magnitude = 2 + i64::try_from(rng.below(6)).unwrap_or_default();
                let sign = if rng.below(2) == 0 { 1 } else { -1 };
                Regime::Trend {
                    drift_ppm: sign * magnitude,
                }
            }
            Regime::Trend { .. } => Regime::Range { anchor: self.mid },
        };
    }

    fn cluster_volatility(&mut self, rng: &mut SplitMix, last_ret_ppm: i64) {
        let decayed = (self.vol_ppm * 970 + BASE_VOL_PPM * 14) / 1_000;
        let reaction = last_ret_ppm.abs() * 20 / 1_000;
        self.vol_ppm = (decayed + reaction).clamp(BASE_VOL_PPM / 2, BASE_VOL_PPM * 20);
        if rng.below(SHOCK_ODDS) == 0 {
            self.vol_ppm = (self.vol_ppm * 3).min(BASE_VOL_PPM * 20);
        }
    }

    pub fn step(&mut self, rng: &mut SplitMix) -> Decimal {
        self.maybe_switch(rng);
        let noise = self.vol_ppm * rng.gaussian_ppm() / PPM;
        let pull = match self.regime {
            Regime::Trend { drift_ppm } => drift_ppm,
            Regime::Range { anchor } => {
                let gap = (anchor - self.mid) * Decimal::from(PPM) / self.mid.max(Decimal::ONE);
                i64::try_from(gap.trunc()).unwrap_or_default() / 200
            }
        };
        let ret_ppm = noise + pull;
        self.cluster_volatility(rng, ret_ppm);
        let factor = Decimal::ONE + Decimal::new(ret_ppm, 6);
        self.mid = (self.mid * factor).max(Decimal::new(1, 8));
        self.mid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn path_is_deterministic_and_moves() {
        let run = |seed| {
            let mut rng = SplitMix::new(seed);
            let mut path = SyntheticPath::new(dec!(65000));
            (0..2000).map(|_| path.step(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(run(3), run(3));
        assert_ne!(run(3), run(4));
        let prices = run(3);
        assert!(prices.iter().any(|p| *p != dec!(65000)));
        assert!(prices.iter().all(|p| *p > dec!(50000) && *p < dec!(80000)));
    }

    #[test]
    fn both_regimes_occur_and_volatility_clusters() {
        let mut rng = SplitMix::new(11);
        let mut path = SyntheticPath::new(dec!(65000));
        let (mut trend, mut range) = (0, 0);
        let mut moves = Vec::new();
        let mut previous = path.mid;
        for _ in 0..60_000 {
            let mid = path.step(&mut rng);
            match path.regime {
                Regime::Trend { .. } => trend += 1,
                Regime::Range { .. } => range += 1,
            }
            moves.push(((mid - previous) / previous).abs());
            previous = mid;
        }
        assert!(
            trend > 1_000 && range > 1_000,
            "trend {trend} range {range}"
        );
        let mean: Decimal = moves.iter().copied().sum::<Decimal>() / Decimal::from(moves.len());
        let big_then_big = moves
            .windows(2)
            .filter(|w| w[0] > mean * dec!(2) && w[1] > mean * dec!(2))
            .count();
        let big = moves.iter().filter(|m| **m > mean * dec!(2)).count();
        let expected_if_independent =
            Decimal::from(big) * Decimal::from(big) / Decimal::from(moves.len());
        assert!(
            Decimal::from(big_then_big) > expected_if_independent * dec!(1.5),
            "{big_then_big} vs {expected_if_independent}"
        );
    }
}
