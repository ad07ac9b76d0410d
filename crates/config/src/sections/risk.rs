use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{cross, in_range};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskConfig {
    #[serde(with = "crate::decimal_text")]
    pub risk_per_trade_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub max_total_exposure_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub max_symbol_exposure_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub daily_loss_limit_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub max_drawdown_bps: Decimal,
    pub max_trades_per_day: u32,
    pub stale_data_ms: u64,
    #[serde(with = "crate::decimal_text")]
    pub max_spread_bps: Decimal,
    #[serde(with = "crate::decimal_text")]
    pub max_volatility_bps: Decimal,
}

impl RiskConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        let full = Decimal::from(10_000);
        let tiny = Decimal::new(1, 2);
        in_range(
            "risk.risk_per_trade_bps",
            &self.risk_per_trade_bps,
            &tiny,
            &Decimal::from(500),
        )?;
        in_range(
            "risk.max_total_exposure_bps",
            &self.max_total_exposure_bps,
            &tiny,
            &full,
        )?;
        in_range(
            "risk.max_symbol_exposure_bps",
            &self.max_symbol_exposure_bps,
            &tiny,
            &full,
        )?;
        in_range(
            "risk.daily_loss_limit_bps",
            &self.daily_loss_limit_bps,
            &tiny,
            &Decimal::from(5_000),
        )?;
        in_range(
            "risk.max_drawdown_bps",
            &self.max_drawdown_bps,
            &tiny,
            &Decimal::from(5_000),
        )?;
        self.check_guards()?;
        self.check_cross()
    }

    fn check_guards(&self) -> Result<(), ConfigError> {
        in_range(
            "risk.max_trades_per_day",
            &self.max_trades_per_day,
            &1,
            &1_000,
        )?;
        in_range("risk.stale_data_ms", &self.stale_data_ms, &100, &60_000)?;
        in_range(
            "risk.max_spread_bps",
            &self.max_spread_bps,
            &Decimal::new(1, 1),
            &Decimal::from(1000),
        )?;
        in_range(
            "risk.max_volatility_bps",
            &self.max_volatility_bps,
            &Decimal::ONE,
            &Decimal::from(10_000),
        )
    }

    fn check_cross(&self) -> Result<(), ConfigError> {
        cross(
            self.max_symbol_exposure_bps <= self.max_total_exposure_bps,
            &[
                "risk.max_symbol_exposure_bps",
                "risk.max_total_exposure_bps",
            ],
            "risk.max_symbol_exposure_bps must not exceed risk.max_total_exposure_bps",
        )?;
        cross(
            self.risk_per_trade_bps <= self.daily_loss_limit_bps,
            &["risk.risk_per_trade_bps", "risk.daily_loss_limit_bps"],
            "risk.risk_per_trade_bps must not exceed risk.daily_loss_limit_bps",
        )?;
        cross(
            self.daily_loss_limit_bps <= self.max_drawdown_bps,
            &["risk.daily_loss_limit_bps", "risk.max_drawdown_bps"],
            "risk.daily_loss_limit_bps must not exceed risk.max_drawdown_bps",
        )
    }
}
