use livespot_config::Config;
use livespot_domain::Bps;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub const BPS_PER_UNIT: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
const MS_PER_SEC: u64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskLimits {
    pub max_total_exposure_bps: Bps,
    pub max_symbol_exposure_bps: Bps,
    pub order_reserve_bps: Bps,
    pub max_order_notional: Decimal,
    pub daily_loss_limit_bps: Bps,
    pub max_drawdown_bps: Bps,
    pub max_trades_per_day: u32,
    pub cooldown_ms: i64,
    pub max_loss_streak: u32,
    pub loss_streak_pause_ms: i64,
    pub stale_data_ms: u64,
    pub max_spread_bps: Bps,
    pub min_volatility_bps: Bps,
    pub max_volatility_bps: Bps,
}

impl RiskLimits {
    pub fn from_config(config: &Config) -> RiskLimits {
        let risk = &config.risk;
        let strategy = &config.strategy;
        let reserve = strategy.taker_fee_bps + config.executor.max_slippage_bps;
        RiskLimits {
            max_total_exposure_bps: bps(risk.max_total_exposure_bps),
            max_symbol_exposure_bps: bps(risk.max_symbol_exposure_bps),
            order_reserve_bps: bps(reserve),
            max_order_notional: config.executor.max_notional_per_order,
            daily_loss_limit_bps: bps(risk.daily_loss_limit_bps),
            max_drawdown_bps: bps(risk.max_drawdown_bps),
            max_trades_per_day: risk.max_trades_per_day,
            cooldown_ms: seconds_to_ms(strategy.cooldown_secs),
            max_loss_streak: strategy.max_loss_streak,
            loss_streak_pause_ms: seconds_to_ms(strategy.loss_streak_pause_secs),
            stale_data_ms: risk.stale_data_ms,
            max_spread_bps: bps(risk.max_spread_bps),
            min_volatility_bps: bps(strategy.regime_min_volatility_bps),
            max_volatility_bps: bps(risk.max_volatility_bps),
        }
    }

    pub fn reserve_factor(&self) -> Decimal {
        Decimal::ONE + self.order_reserve_bps.value() / BPS_PER_UNIT
    }
}

pub fn share_of(amount: Decimal, limit: Bps) -> Decimal {
    amount * limit.value() / BPS_PER_UNIT
}

fn bps(value: Decimal) -> Bps {
    Bps::new(value).unwrap_or(Bps::ZERO)
}

fn seconds_to_ms(seconds: u64) -> i64 {
    i64::try_from(seconds.saturating_mul(MS_PER_SEC)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_maps_every_limit() {
        let config = Config::shipped().unwrap();
        let limits = RiskLimits::from_config(&config);
        assert_eq!(
            limits.max_total_exposure_bps.value(),
            config.risk.max_total_exposure_bps
        );
        assert_eq!(
            limits.order_reserve_bps.value(),
            config.strategy.taker_fee_bps + config.executor.max_slippage_bps
        );
        assert_eq!(
            limits.max_order_notional,
            config.executor.max_notional_per_order
        );
        assert_eq!(
            limits.cooldown_ms,
            i64::try_from(config.strategy.cooldown_secs * 1_000).unwrap()
        );
        assert_eq!(
            limits.min_volatility_bps.value(),
            config.strategy.regime_min_volatility_bps
        );
        assert_eq!(limits.max_trades_per_day, config.risk.max_trades_per_day);
    }

    #[test]
    fn reserve_factor_adds_the_reserve_to_one() {
        let limits = RiskLimits {
            order_reserve_bps: Bps::new(Decimal::from(40)).unwrap(),
            ..RiskLimits::from_config(&Config::shipped().unwrap())
        };
        assert_eq!(limits.reserve_factor(), Decimal::new(1004, 3));
        assert_eq!(
            share_of(Decimal::from(10_000), limits.order_reserve_bps),
            Decimal::from(40)
        );
    }
}
