use rust_decimal::Decimal;
use serde::Serialize;

use crate::indicators::{
    BPS_PER_UNIT, adx, atr, efficiency_ratio, realized_volatility, simple_returns, to_bps,
    to_score_x10000,
};
use crate::{Kline, MicroParams, Microstructure, from_klines};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepScanParams {
    pub atr_period: usize,
    pub adx_period: usize,
    pub er_period: usize,
    pub volatility_period: usize,
    pub adx_full_score: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeepFeatures {
    pub symbol: String,
    pub close: Decimal,
    pub atr: Decimal,
    pub atr_bps: Decimal,
    pub efficiency_ratio: Decimal,
    pub adx: Decimal,
    pub volatility_bps: Decimal,
    pub micro: Microstructure,
}

pub const RANK_WEIGHT_X10000: i64 = 4000;
pub const EFFICIENCY_WEIGHT_X10000: i64 = 3000;
pub const ADX_WEIGHT_X10000: i64 = 3000;

pub fn scan_symbol(
    symbol: &str,
    bars: &[Kline],
    one_minute: &[Kline],
    tick_size: Decimal,
    params: &DeepScanParams,
    micro: &MicroParams,
) -> Option<DeepFeatures> {
    let close = bars.last()?.close;
    let atr_value = atr(bars, params.atr_period)?;
    let closes: Vec<Decimal> = bars.iter().map(|k| k.close).collect();
    let volatility_window = &closes[closes.len().saturating_sub(params.volatility_period + 1)..];
    let volatility = realized_volatility(&simple_returns(volatility_window))?;
    Some(DeepFeatures {
        symbol: symbol.to_owned(),
        close,
        atr: atr_value,
        atr_bps: to_bps(atr_value, close)?,
        efficiency_ratio: efficiency_ratio(&closes, params.er_period)?,
        adx: adx(bars, params.adx_period)?,
        volatility_bps: (volatility * BPS_PER_UNIT).round_dp(4),
        micro: from_klines(one_minute, tick_size, micro)?,
    })
}

pub fn deep_score_x10000(
    rank_score_x10000: i64,
    features: &DeepFeatures,
    params: &DeepScanParams,
) -> i64 {
    let efficiency = to_score_x10000(features.efficiency_ratio.min(Decimal::ONE));
    let trend_strength = if params.adx_full_score > Decimal::ZERO {
        to_score_x10000((features.adx / params.adx_full_score).min(Decimal::ONE))
    } else {
        0
    };
    (RANK_WEIGHT_X10000 * rank_score_x10000
        + EFFICIENCY_WEIGHT_X10000 * efficiency
        + ADX_WEIGHT_X10000 * trend_strength)
        / 10_000
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::SpreadHealth;
    use crate::SpreadSource;

    fn features(er: Decimal, adx_value: Decimal) -> DeepFeatures {
        DeepFeatures {
            symbol: "BTCUSDT".to_owned(),
            close: dec!(100),
            atr: dec!(1),
            atr_bps: dec!(100),
            efficiency_ratio: er,
            adx: adx_value,
            volatility_bps: dec!(50),
            micro: Microstructure {
                source: SpreadSource::KlineRangeProxy,
                spread_bps: dec!(1),
                spread_p50_bps: dec!(1),
                spread_p90_bps: dec!(1),
                spread_delta_bps: dec!(0),
                imbalance_x10000: 0,
                microvol_bps: dec!(1),
                health: SpreadHealth::Healthy,
            },
        }
    }

    fn params() -> DeepScanParams {
        DeepScanParams {
            atr_period: 2,
            adx_period: 2,
            er_period: 2,
            volatility_period: 2,
            adx_full_score: dec!(50),
        }
    }

    #[test]
    fn deep_score_weights_rank_efficiency_and_capped_adx() {
        assert_eq!(
            deep_score_x10000(5000, &features(dec!(0.5), dec!(25)), &params()),
            5000
        );
        assert_eq!(
            deep_score_x10000(10000, &features(dec!(1), dec!(80)), &params()),
            10000
        );
        assert_eq!(
            deep_score_x10000(0, &features(dec!(0.2), dec!(10)), &params()),
            1200
        );
    }
}
