use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::Deserialize;

pub use crate::engine::Permissions;
pub use crate::exchange::Limits;
pub use crate::market::MarketProfile;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarketSource {
    Synthetic,
    Replay(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AccountSpec {
    pub api_key: String,
    pub api_secret: String,
    #[serde(default)]
    pub balances: BTreeMap<String, Decimal>,
    #[serde(default)]
    pub permissions: Option<Permissions>,
}

#[derive(Debug, Clone)]
pub struct SimOptions {
    pub market: MarketSource,
    pub profile: MarketProfile,
    pub seed: u64,
    pub speed: Decimal,
    pub exchange_info: Option<PathBuf>,
    pub port: u16,
    pub admin_port: u16,
    pub tick_ms: u64,
    pub ping_interval_ms: u64,
    pub virtual_clock_start_ms: Option<i64>,
    pub clock_scale: u32,
    pub limits: Limits,
    pub accounts: Vec<AccountSpec>,
}

impl Default for SimOptions {
    fn default() -> Self {
        Self {
            market: MarketSource::Synthetic,
            profile: MarketProfile::default(),
            seed: 1,
            speed: Decimal::ONE,
            exchange_info: None,
            port: 0,
            admin_port: 0,
            tick_ms: 100,
            ping_interval_ms: 20_000,
            virtual_clock_start_ms: None,
            clock_scale: 1,
            limits: Limits::default(),
            accounts: Vec::new(),
        }
    }
}

pub fn parse_profile(text: &str) -> Result<MarketProfile, String> {
    MarketProfile::parse(text)
        .ok_or_else(|| format!("expected CALM, TRENDING, VOLATILE or CHOPPY, got {text}"))
}

impl SimOptions {
    pub fn tick_interval_ms(&self) -> u64 {
        let speed = self.speed.max(Decimal::new(1, 3));
        let interval = Decimal::from(self.tick_ms) / speed;
        u64::try_from(interval.round()).unwrap_or(1).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn market_profile_names_parse_and_the_default_is_trending() {
        assert_eq!(parse_profile("CALM"), Ok(MarketProfile::Calm));
        assert_eq!(parse_profile("choppy"), Ok(MarketProfile::Choppy));
        assert!(parse_profile("FLAT").is_err());
        assert_eq!(SimOptions::default().profile, MarketProfile::Trending);
    }

    #[test]
    fn speed_factor_scales_the_tick_interval() {
        let at = |speed: Decimal| {
            SimOptions {
                speed,
                ..SimOptions::default()
            }
            .tick_interval_ms()
        };
        assert_eq!(at(Decimal::ONE), 100);
        assert_eq!(at(Decimal::from(10)), 10);
        assert_eq!(at(Decimal::new(5, 1)), 200);
        assert_eq!(at(Decimal::from(1_000)), 1);
    }
}
