use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::in_range;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarketdataConfig {
    pub ws_stale_ms: u64,
    pub rest_stale_ms: u64,
    pub rest_latency_max_ms: u64,
    pub health_interval_ms: u64,
    pub exchange_info_refresh_secs: u64,
    pub ticker_refresh_secs: u64,
    pub publish_interval_ms: u64,
    pub kline_backfill: u32,
    pub strategy_cycle_interval_ms: u64,
}

impl Default for MarketdataConfig {
    fn default() -> Self {
        Self {
            ws_stale_ms: 5_000,
            rest_stale_ms: 120_000,
            rest_latency_max_ms: 2_000,
            health_interval_ms: 1_000,
            exchange_info_refresh_secs: 3_600,
            ticker_refresh_secs: 30,
            publish_interval_ms: 1_000,
            kline_backfill: 1_000,
            strategy_cycle_interval_ms: 5_000,
        }
    }
}

impl MarketdataConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range("marketdata.ws_stale_ms", &self.ws_stale_ms, &200, &600_000)?;
        in_range(
            "marketdata.rest_stale_ms",
            &self.rest_stale_ms,
            &1_000,
            &3_600_000,
        )?;
        in_range(
            "marketdata.rest_latency_max_ms",
            &self.rest_latency_max_ms,
            &10,
            &60_000,
        )?;
        in_range(
            "marketdata.health_interval_ms",
            &self.health_interval_ms,
            &50,
            &60_000,
        )?;
        in_range(
            "marketdata.exchange_info_refresh_secs",
            &self.exchange_info_refresh_secs,
            &10,
            &86_400,
        )?;
        in_range(
            "marketdata.ticker_refresh_secs",
            &self.ticker_refresh_secs,
            &1,
            &3_600,
        )?;
        in_range(
            "marketdata.publish_interval_ms",
            &self.publish_interval_ms,
            &50,
            &60_000,
        )?;
        in_range(
            "marketdata.kline_backfill",
            &self.kline_backfill,
            &50,
            &1_000,
        )?;
        in_range(
            "marketdata.strategy_cycle_interval_ms",
            &self.strategy_cycle_interval_ms,
            &100,
            &600_000,
        )
    }
}
