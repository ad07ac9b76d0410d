use rust_decimal::Decimal;
use serde::Serialize;

use crate::indicators::to_score_x10000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Regime {
    Trend,
    Range,
    NoTrade,
}

impl Regime {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Trend => "TREND",
            Self::Range => "RANGE",
            Self::NoTrade => "NO_TRADE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegimeParams {
    pub trend_score_min_x10000: i64,
    pub range_score_max_x10000: i64,
    pub adx_full_score: Decimal,
    pub min_volatility_bps: Decimal,
    pub max_volatility_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegimeInputs {
    pub adx: Decimal,
    pub efficiency_ratio: Decimal,
    pub volatility_bps: Decimal,
}

pub const EFFICIENCY_SHARE_X10000: i64 = 5000;
pub const ADX_SHARE_X10000: i64 = 5000;

pub fn trend_score_x10000(inputs: &RegimeInputs, params: &RegimeParams) -> i64 {
    let efficiency = to_score_x10000(inputs.efficiency_ratio.clamp(Decimal::ZERO, Decimal::ONE));
    let strength = if params.adx_full_score > Decimal::ZERO {
        to_score_x10000((inputs.adx / params.adx_full_score).clamp(Decimal::ZERO, Decimal::ONE))
    } else {
        0
    };
    (EFFICIENCY_SHARE_X10000 * efficiency + ADX_SHARE_X10000 * strength) / 10_000
}

pub fn classify(inputs: &RegimeInputs, previous: Option<Regime>, params: &RegimeParams) -> Regime {
    if inputs.volatility_bps < params.min_volatility_bps
        || inputs.volatility_bps > params.max_volatility_bps
    {
        return Regime::NoTrade;
    }
    let score = trend_score_x10000(inputs, params);
    if score >= params.trend_score_min_x10000 {
        Regime::Trend
    } else if score <= params.range_score_max_x10000 {
        Regime::Range
    } else {
        match previous {
            Some(Regime::Trend) => Regime::Trend,
            _ => Regime::Range,
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn params() -> RegimeParams {
        RegimeParams {
            trend_score_min_x10000: 6000,
            range_score_max_x10000: 4000,
            adx_full_score: dec!(50),
            min_volatility_bps: dec!(5),
            max_volatility_bps: dec!(200),
        }
    }

    fn inputs(adx: Decimal, er: Decimal, vol: Decimal) -> RegimeInputs {
        RegimeInputs {
            adx,
            efficiency_ratio: er,
            volatility_bps: vol,
        }
    }

    #[test]
    fn trend_score_is_half_efficiency_half_capped_adx() {
        assert_eq!(
            trend_score_x10000(&inputs(dec!(25), dec!(0.6), dec!(50)), &params()),
            5500
        );
        assert_eq!(
            trend_score_x10000(&inputs(dec!(80), dec!(1), dec!(50)), &params()),
            10000
        );
    }

    #[test]
    fn score_thresholds_pick_trend_or_range() {
        assert_eq!(
            classify(&inputs(dec!(30), dec!(0.6), dec!(50)), None, &params()),
            Regime::Trend
        );
        assert_eq!(
            classify(&inputs(dec!(20), dec!(0.4), dec!(50)), None, &params()),
            Regime::Range
        );
    }

    #[test]
    fn between_thresholds_keeps_the_previous_regime() {
        let middle = inputs(dec!(25), dec!(0.6), dec!(50));
        assert_eq!(
            classify(&middle, Some(Regime::Trend), &params()),
            Regime::Trend
        );
        assert_eq!(
            classify(&middle, Some(Regime::Range), &params()),
            Regime::Range
        );
        assert_eq!(classify(&middle, None, &params()), Regime::Range);
    }

    #[test]
    fn volatility_out_of_bounds_is_no_trade() {
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.9), dec!(4.9)), None, &params()),
            Regime::NoTrade
        );
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.9), dec!(200.1)), None, &params()),
            Regime::NoTrade
        );
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.9), dec!(200)), None, &params()),
            Regime::Trend
        );
    }
}
