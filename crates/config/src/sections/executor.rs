use livespot_domain::ENTRY_MAX_SLIPPAGE_BPS;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{asset_list, cross, in_range, text_rule};

pub const BINANCE_MAX_ORDERS_PER_10S: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutorConfig {
    #[serde(with = "crate::decimal_text")]
    pub max_notional_per_order: Decimal,
    pub allowed_symbols: Vec<String>,
    pub max_open_orders: u32,
    pub max_orders_per_10s: u32,
    pub max_orders_per_60s: u32,
    pub protection_retries: u32,
    pub protection_retry_backoff_ms: u64,
    #[serde(with = "crate::decimal_text")]
    pub max_slippage_bps: Decimal,
    pub reconcile_interval_ms: u64,
    #[serde(with = "crate::decimal_text")]
    pub max_balance_drift_bps: Decimal,
    pub max_unknown_orders: u32,
    pub intent_max_ttl_ms: u64,
}

impl ExecutorConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "executor.max_notional_per_order",
            &self.max_notional_per_order,
            &Decimal::ONE,
            &Decimal::from(1_000_000),
        )?;
        text_rule(
            "executor.allowed_symbols",
            &self.allowed_symbols.join(","),
            !self.allowed_symbols.is_empty(),
            "a non-empty list of symbols",
        )?;
        asset_list("executor.allowed_symbols", &self.allowed_symbols)?;
        in_range("executor.max_open_orders", &self.max_open_orders, &1, &200)?;
        self.check_churn()?;
        self.check_protection_and_reconcile()
    }

    fn check_protection_and_reconcile(&self) -> Result<(), ConfigError> {
        in_range(
            "executor.protection_retries",
            &self.protection_retries,
            &0,
            &10,
        )?;
        in_range(
            "executor.protection_retry_backoff_ms",
            &self.protection_retry_backoff_ms,
            &10,
            &10_000,
        )?;
        in_range(
            "executor.max_slippage_bps",
            &self.max_slippage_bps,
            &Decimal::ZERO,
            &ENTRY_MAX_SLIPPAGE_BPS,
        )?;
        in_range(
            "executor.reconcile_interval_ms",
            &self.reconcile_interval_ms,
            &1_000,
            &600_000,
        )?;
        in_range(
            "executor.max_balance_drift_bps",
            &self.max_balance_drift_bps,
            &Decimal::ZERO,
            &Decimal::from(1000),
        )?;
        in_range(
            "executor.max_unknown_orders",
            &self.max_unknown_orders,
            &0,
            &10,
        )?;
        in_range(
            "executor.intent_max_ttl_ms",
            &self.intent_max_ttl_ms,
            &100,
            &60_000,
        )
    }

    fn check_churn(&self) -> Result<(), ConfigError> {
        in_range(
            "executor.max_orders_per_10s",
            &self.max_orders_per_10s,
            &1,
            &BINANCE_MAX_ORDERS_PER_10S,
        )?;
        in_range(
            "executor.max_orders_per_60s",
            &self.max_orders_per_60s,
            &1,
            &300,
        )?;
        cross(
            self.max_orders_per_10s <= self.max_orders_per_60s,
            &["executor.max_orders_per_10s", "executor.max_orders_per_60s"],
            "executor.max_orders_per_10s must not exceed executor.max_orders_per_60s",
        )
    }

    pub fn allows_symbol(&self, symbol: &str) -> bool {
        self.allowed_symbols.iter().any(|allowed| allowed == symbol)
    }
}
