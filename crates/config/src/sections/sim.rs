use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::in_range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MarketProfile {
    Calm,
    Trending,
    Volatile,
    Choppy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimConfig {
    pub seed: u64,
    #[serde(with = "crate::decimal_text")]
    pub speed: Decimal,
    pub market_profile: MarketProfile,
    #[serde(default = "unscaled_clock")]
    pub clock_scale: u32,
}

const fn unscaled_clock() -> u32 {
    1
}

impl SimConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "sim.speed",
            &self.speed,
            &Decimal::new(1, 2),
            &Decimal::from(1000),
        )?;
        in_range("sim.clock_scale", &self.clock_scale, &1, &600)
    }
}
