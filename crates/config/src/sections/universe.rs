use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{asset_list, cross, in_range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequiredSymbolStatus {
    Trading,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniverseConfig {
    pub required_status: RequiredSymbolStatus,
    pub spot_only: bool,
    pub excluded_bases: Vec<String>,
    pub leveraged_suffixes: Vec<String>,
    #[serde(with = "crate::decimal_text")]
    pub min_quote_volume_24h: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub min_price: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub max_spread_bps: Decimal,
    pub deep_scan_top_n: u32,
    pub watchlist_top_k: u32,
    #[serde(with = "crate::decimal_text")]
    pub max_pairwise_correlation: Decimal,
    pub churn_margin_score: i64,
    pub rescan_interval_secs: u64,
}

impl UniverseConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        cross(
            self.spot_only,
            &["universe.spot_only"],
            "livespot trades Binance Spot only; universe.spot_only must be true",
        )?;
        asset_list("universe.excluded_bases", &self.excluded_bases)?;
        asset_list("universe.leveraged_suffixes", &self.leveraged_suffixes)?;
        in_range(
            "universe.min_quote_volume_24h",
            &self.min_quote_volume_24h,
            &Decimal::ZERO,
            &Decimal::from(1_000_000_000_000_u64),
        )?;
        in_range(
            "universe.min_price",
            &self.min_price,
            &Decimal::ZERO,
            &Decimal::from(1_000_000),
        )?;
        in_range(
            "universe.max_spread_bps",
            &self.max_spread_bps,
            &Decimal::new(1, 1),
            &Decimal::from(1000),
        )?;
        in_range("universe.deep_scan_top_n", &self.deep_scan_top_n, &1, &500)?;
        in_range("universe.watchlist_top_k", &self.watchlist_top_k, &1, &50)?;
        in_range(
            "universe.max_pairwise_correlation",
            &self.max_pairwise_correlation,
            &Decimal::ZERO,
            &Decimal::ONE,
        )?;
        in_range(
            "universe.churn_margin_score",
            &self.churn_margin_score,
            &0,
            &10_000,
        )?;
        in_range(
            "universe.rescan_interval_secs",
            &self.rescan_interval_secs,
            &10,
            &86_400,
        )?;
        cross(
            self.watchlist_top_k <= self.deep_scan_top_n,
            &["universe.watchlist_top_k", "universe.deep_scan_top_n"],
            "universe.watchlist_top_k must not exceed universe.deep_scan_top_n",
        )
    }
}
