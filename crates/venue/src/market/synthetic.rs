use rust_decimal::Decimal;

use super::profile::{ProfileShape, SymbolProfile};
use super::rng::SplitMix;

const PPB: i64 = 1_000_000_000;
const PPB_PER_BPS: i64 = 100_000;
const MINUTE_MS: i64 = 60_000;
const MAX_STEP_MS: i64 = MINUTE_MS;
const UNIT_X1000: i64 = 1_000;
const VOL_FLOOR_X1000: i64 = 350;
const VOL_CAP_X1000: i64 = 3_500;
const VOL_REVERSION_MINUTES: i64 = 30;
const VOL_INNOVATION_X100: i64 = 6;
const SHOCK_X100: i64 = 250;
const RANGE_REVERSION_MINUTES: i64 = 60;
const CHOPPY_REVERSION_MINUTES: i64 = 20;
const DRIFT_JITTER_X100: (u64, u64) = (80, 120);
const PRICE_DP: u32 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    Trend { drift_ppb_per_minute: i64 },
    Range { anchor: Decimal },
}

#[derive(Debug, Clone)]
pub struct SyntheticPath {
    pub mid: Decimal,
    pub regime: Regime,
    shape: ProfileShape,
    minute_vol_ppb: i64,
    vol_x1000: i64,
    episode_left_minutes: u64,
    elapsed_in_minute_ms: i64,
}

fn draw_between(rng: &mut SplitMix, bounds: (u64, u64)) -> u64 {
    let (low, high) = bounds;
    low + rng.below(high.saturating_sub(low) + 1)
}

fn step_scale_x1000(dt_ms: i64) -> i64 {
    let ratio_x1m = dt_ms.clamp(1, MAX_STEP_MS) * 1_000_000 / MINUTE_MS;
    ratio_x1m.cast_unsigned().isqrt().cast_signed()
}

impl SyntheticPath {
    pub fn new(symbol: &SymbolProfile, shape: ProfileShape) -> Self {
        let start = symbol.start_price;
        let minute_vol_ppb =
            symbol.minute_volatility_bps * PPB_PER_BPS * shape.volatility_x100 / 100;
        Self {
            mid: start,
            regime: Regime::Range { anchor: start },
            shape,
            minute_vol_ppb,
            vol_x1000: UNIT_X1000,
            episode_left_minutes: shape.range_minutes.0,
            elapsed_in_minute_ms: 0,
        }
    }

    pub const fn activity_x1000(&self) -> i64 {
        self.vol_x1000
    }

    pub fn force_trend(&mut self, rng: &mut SplitMix, up: bool, minutes: u64) {
        self.regime = self.trend(rng, up);
        self.episode_left_minutes = minutes;
    }

    fn trend(&self, rng: &mut SplitMix, up: bool) -> Regime {
        let jitter = draw_between(rng, DRIFT_JITTER_X100).cast_signed();
        let drift = self.minute_vol_ppb * self.shape.trend_drift_x100 / 100 * jitter / 100;
        Regime::Trend {
            drift_ppb_per_minute: if up { drift } else { -drift },
        }
    }

    fn next_episode(&mut self, rng: &mut SplitMix) {
        let trends_allowed = self.shape.trend_minutes.1 > 0;
        match self.regime {
            Regime::Range { .. } if trends_allowed => {
                let up = rng.below(100) < self.shape.up_trend_odds_x100;
                self.regime = self.trend(rng, up);
                self.episode_left_minutes = draw_between(rng, self.shape.trend_minutes);
            }
            _ => {
                self.regime = Regime::Range { anchor: self.mid };
                self.episode_left_minutes = draw_between(rng, self.shape.range_minutes);
            }
        }
    }

    fn minute_passed(&mut self, rng: &mut SplitMix) {
        let innovation = self.vol_x1000 * VOL_INNOVATION_X100 * rng.gaussian_ppm() / 100_000_000;
        let reversion = (UNIT_X1000 - self.vol_x1000) / VOL_REVERSION_MINUTES;
        self.vol_x1000 += innovation + reversion;
        if rng.below(self.shape.shock_odds_per_minute.max(1)) == 0 {
            self.vol_x1000 = self.vol_x1000 * SHOCK_X100 / 100;
        }
        self.vol_x1000 = self.vol_x1000.clamp(VOL_FLOOR_X1000, VOL_CAP_X1000);
        if self.episode_left_minutes == 0 {
            self.next_episode(rng);
        } else {
            self.episode_left_minutes -= 1;
        }
    }

    fn pull_ppb(&self, dt_ms: i64) -> i64 {
        match self.regime {
            Regime::Trend {
                drift_ppb_per_minute,
            } => drift_ppb_per_minute * dt_ms / MINUTE_MS,
            Regime::Range { anchor } => {
                let gap =
                    (anchor - self.mid) * Decimal::from(PPB) / self.mid.max(Decimal::new(1, 8));
                let gap_ppb = i64::try_from(gap.trunc()).unwrap_or_default();
                let minutes = if self.shape.trend_minutes.1 > 0 {
                    RANGE_REVERSION_MINUTES
                } else {
                    CHOPPY_REVERSION_MINUTES
                };
                gap_ppb * dt_ms / (MINUTE_MS * minutes)
            }
        }
    }

    pub fn step(&mut self, rng: &mut SplitMix, dt_ms: i64) -> Decimal {
        let dt_ms = dt_ms.clamp(1, MAX_STEP_MS);
        self.elapsed_in_minute_ms += dt_ms;
        while self.elapsed_in_minute_ms >= MINUTE_MS {
            self.elapsed_in_minute_ms -= MINUTE_MS;
            self.minute_passed(rng);
        }
        let sigma_ppb =
            self.minute_vol_ppb * self.vol_x1000 / UNIT_X1000 * step_scale_x1000(dt_ms) / 1_000;
        let noise_ppb = sigma_ppb * rng.gaussian_ppm() / 1_000_000;
        let ret_ppb = noise_ppb + self.pull_ppb(dt_ms);
        let factor = Decimal::ONE + Decimal::new(ret_ppb, 9);
        self.mid = (self.mid * factor)
            .round_dp(PRICE_DP)
            .max(Decimal::new(1, 8));
        self.mid
    }
}

#[cfg(test)]
#[path = "synthetic_tests.rs"]
mod tests;
