use livespot_domain::{MAKER_FIRST_MAX_TTL_MS, MAKER_FIRST_MIN_TTL_MS};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{cross, in_range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KlineInterval {
    #[serde(rename = "1m")]
    OneMinute,
    #[serde(rename = "3m")]
    ThreeMinutes,
    #[serde(rename = "5m")]
    FiveMinutes,
    #[serde(rename = "15m")]
    FifteenMinutes,
    #[serde(rename = "1h")]
    OneHour,
}

impl KlineInterval {
    pub const fn minutes(self) -> u32 {
        match self {
            Self::OneMinute => 1,
            Self::ThreeMinutes => 3,
            Self::FiveMinutes => 5,
            Self::FifteenMinutes => 15,
            Self::OneHour => 60,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::OneMinute => "1m",
            Self::ThreeMinutes => "3m",
            Self::FiveMinutes => "5m",
            Self::FifteenMinutes => "15m",
            Self::OneHour => "1h",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TrailingPolicy {
    Auto,
    Off,
    Virtual,
    Native,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryModePolicy {
    #[default]
    Auto,
    MakerFirst,
    Ioc,
    Market,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyConfig {
    pub kline_interval: KlineInterval,
    pub atr_period: u32,
    pub regime_trend_score_min: i64,
    pub regime_range_score_max: i64,
    #[serde(with = "crate::decimal_text")]
    pub regime_min_volatility_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub regime_max_volatility_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub min_edge_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub maker_fee_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub taker_fee_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub expected_slippage_bps: Decimal,
    pub hit_rate_trend_score: i64,
    pub hit_rate_range_score: i64,
    pub entry_ttl_ms_min: u64,
    pub entry_ttl_ms_max: u64,
    #[serde(with = "crate::decimal_text")]
    pub max_entry_distance_bps: Decimal,
    pub trailing_policy: TrailingPolicy,
    #[serde(default)]
    pub entry_mode: EntryModePolicy,
    pub max_trades_per_symbol_per_window: u32,
    pub trade_window_secs: u64,
    pub cooldown_secs: u64,
    pub max_loss_streak: u32,
    pub loss_streak_pause_secs: u64,
    pub max_trades_per_day: u32,
}

impl StrategyConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range("strategy.atr_period", &self.atr_period, &2, &200)?;
        self.check_regime()?;
        self.check_edge_and_fees()?;
        self.check_entry()?;
        self.check_anti_overtrading()
    }

    fn check_regime(&self) -> Result<(), ConfigError> {
        let max_vol = Decimal::from(10_000);
        in_range(
            "strategy.regime_trend_score_min",
            &self.regime_trend_score_min,
            &0,
            &10_000,
        )?;
        in_range(
            "strategy.regime_range_score_max",
            &self.regime_range_score_max,
            &0,
            &10_000,
        )?;
        cross(
            self.regime_range_score_max < self.regime_trend_score_min,
            &[
                "strategy.regime_range_score_max",
                "strategy.regime_trend_score_min",
            ],
            "strategy.regime_range_score_max must be below strategy.regime_trend_score_min",
        )?;
        in_range(
            "strategy.regime_min_volatility_bps",
            &self.regime_min_volatility_bps,
            &Decimal::ZERO,
            &max_vol,
        )?;
        in_range(
            "strategy.regime_max_volatility_bps",
            &self.regime_max_volatility_bps,
            &Decimal::ONE,
            &max_vol,
        )?;
        cross(
            self.regime_min_volatility_bps < self.regime_max_volatility_bps,
            &[
                "strategy.regime_min_volatility_bps",
                "strategy.regime_max_volatility_bps",
            ],
            "strategy.regime_min_volatility_bps must be below strategy.regime_max_volatility_bps",
        )
    }

    fn check_edge_and_fees(&self) -> Result<(), ConfigError> {
        let hundred = Decimal::from(100);
        in_range(
            "strategy.min_edge_bps",
            &self.min_edge_bps,
            &Decimal::ZERO,
            &Decimal::from(1000),
        )?;
        in_range(
            "strategy.maker_fee_bps",
            &self.maker_fee_bps,
            &Decimal::ZERO,
            &hundred,
        )?;
        in_range(
            "strategy.taker_fee_bps",
            &self.taker_fee_bps,
            &Decimal::ZERO,
            &hundred,
        )?;
        in_range(
            "strategy.expected_slippage_bps",
            &self.expected_slippage_bps,
            &Decimal::ZERO,
            &hundred,
        )?;
        cross(
            self.maker_fee_bps <= self.taker_fee_bps,
            &["strategy.maker_fee_bps", "strategy.taker_fee_bps"],
            "strategy.maker_fee_bps must not exceed strategy.taker_fee_bps",
        )?;
        in_range(
            "strategy.hit_rate_trend_score",
            &self.hit_rate_trend_score,
            &1,
            &9_999,
        )?;
        in_range(
            "strategy.hit_rate_range_score",
            &self.hit_rate_range_score,
            &1,
            &9_999,
        )
    }

    fn check_entry(&self) -> Result<(), ConfigError> {
        in_range(
            "strategy.entry_ttl_ms_min",
            &self.entry_ttl_ms_min,
            &MAKER_FIRST_MIN_TTL_MS,
            &MAKER_FIRST_MAX_TTL_MS,
        )?;
        in_range(
            "strategy.entry_ttl_ms_max",
            &self.entry_ttl_ms_max,
            &MAKER_FIRST_MIN_TTL_MS,
            &MAKER_FIRST_MAX_TTL_MS,
        )?;
        cross(
            self.entry_ttl_ms_min <= self.entry_ttl_ms_max,
            &["strategy.entry_ttl_ms_min", "strategy.entry_ttl_ms_max"],
            "strategy.entry_ttl_ms_min must not exceed strategy.entry_ttl_ms_max",
        )?;
        in_range(
            "strategy.max_entry_distance_bps",
            &self.max_entry_distance_bps,
            &Decimal::ZERO,
            &Decimal::from(500),
        )
    }

    fn check_anti_overtrading(&self) -> Result<(), ConfigError> {
        in_range(
            "strategy.max_trades_per_symbol_per_window",
            &self.max_trades_per_symbol_per_window,
            &1,
            &100,
        )?;
        in_range(
            "strategy.trade_window_secs",
            &self.trade_window_secs,
            &60,
            &86_400,
        )?;
        in_range("strategy.cooldown_secs", &self.cooldown_secs, &0, &86_400)?;
        in_range("strategy.max_loss_streak", &self.max_loss_streak, &1, &20)?;
        in_range(
            "strategy.loss_streak_pause_secs",
            &self.loss_streak_pause_secs,
            &0,
            &604_800,
        )?;
        in_range(
            "strategy.max_trades_per_day",
            &self.max_trades_per_day,
            &1,
            &1_000,
        )?;
        cross(
            self.max_trades_per_symbol_per_window <= self.max_trades_per_day,
            &[
                "strategy.max_trades_per_symbol_per_window",
                "strategy.max_trades_per_day",
            ],
            "strategy.max_trades_per_symbol_per_window must not exceed strategy.max_trades_per_day",
        )
    }
}
