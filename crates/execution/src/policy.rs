use livespot_config::ExecutorConfig;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionPolicy {
    pub max_orders_per_10s: u32,
    pub max_orders_per_60s: u32,
    pub protection_retries: u32,
    pub protection_retry_backoff_ms: u64,
    pub max_slippage_bps: Decimal,
    pub max_balance_drift_bps: Decimal,
    pub max_unknown_orders: u32,
    pub max_reprices: u32,
    pub poll_interval_ms: u64,
    pub unknown_lookup_attempts: u32,
}

impl ExecutionPolicy {
    pub fn from_config(config: &ExecutorConfig) -> Self {
        Self {
            max_orders_per_10s: config.max_orders_per_10s,
            max_orders_per_60s: config.max_orders_per_60s,
            protection_retries: config.protection_retries,
            protection_retry_backoff_ms: config.protection_retry_backoff_ms,
            max_slippage_bps: config.max_slippage_bps,
            max_balance_drift_bps: config.max_balance_drift_bps,
            max_unknown_orders: config.max_unknown_orders,
            ..Self::default()
        }
    }
}

impl Default for ExecutionPolicy {
    fn default() -> Self {
        Self {
            max_orders_per_10s: 10,
            max_orders_per_60s: 40,
            protection_retries: 3,
            protection_retry_backoff_ms: 50,
            max_slippage_bps: Decimal::from(30),
            max_balance_drift_bps: Decimal::from(10),
            max_unknown_orders: 0,
            max_reprices: 3,
            poll_interval_ms: 50,
            unknown_lookup_attempts: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_the_executor_section() {
        let config = ExecutorConfig {
            max_notional_per_order: Decimal::from(100),
            allowed_symbols: vec!["BTCUSDT".into()],
            max_open_orders: 10,
            max_orders_per_10s: 7,
            max_orders_per_60s: 33,
            protection_retries: 4,
            protection_retry_backoff_ms: 250,
            max_slippage_bps: Decimal::from(25),
            reconcile_interval_ms: 15_000,
            max_balance_drift_bps: Decimal::from(12),
            max_unknown_orders: 2,
            intent_max_ttl_ms: 5_000,
        };
        let policy = ExecutionPolicy::from_config(&config);
        assert_eq!(
            (policy.max_orders_per_10s, policy.max_orders_per_60s),
            (7, 33)
        );
        assert_eq!(
            (
                policy.protection_retries,
                policy.protection_retry_backoff_ms
            ),
            (4, 250)
        );
        assert_eq!(policy.max_slippage_bps, Decimal::from(25));
        assert_eq!(policy.max_balance_drift_bps, Decimal::from(12));
        assert_eq!(policy.max_unknown_orders, 2);
        assert_eq!(policy.max_reprices, ExecutionPolicy::default().max_reprices);
    }
}
