use rust_decimal::Decimal;
use serde::Serialize;

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
    pub adx_trend_min: Decimal,
    pub er_trend_min: Decimal,
    pub min_volatility_bps: Decimal,
    pub max_volatility_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegimeInputs {
    pub adx: Decimal,
    pub efficiency_ratio: Decimal,
    pub volatility_bps: Decimal,
}

pub fn classify(inputs: &RegimeInputs, params: &RegimeParams) -> Regime {
    if inputs.volatility_bps < params.min_volatility_bps
        || inputs.volatility_bps > params.max_volatility_bps
    {
        return Regime::NoTrade;
    }
    if inputs.adx >= params.adx_trend_min && inputs.efficiency_ratio >= params.er_trend_min {
        Regime::Trend
    } else {
        Regime::Range
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn params() -> RegimeParams {
        RegimeParams {
            adx_trend_min: dec!(25),
            er_trend_min: dec!(0.3),
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
    fn trend_needs_both_adx_and_efficiency() {
        assert_eq!(
            classify(&inputs(dec!(25), dec!(0.3), dec!(50)), &params()),
            Regime::Trend
        );
        assert_eq!(
            classify(&inputs(dec!(24.9), dec!(0.9), dec!(50)), &params()),
            Regime::Range
        );
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.29), dec!(50)), &params()),
            Regime::Range
        );
    }

    #[test]
    fn volatility_out_of_bounds_is_no_trade() {
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.9), dec!(4.9)), &params()),
            Regime::NoTrade
        );
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.9), dec!(200.1)), &params()),
            Regime::NoTrade
        );
        assert_eq!(
            classify(&inputs(dec!(40), dec!(0.9), dec!(200)), &params()),
            Regime::Trend
        );
    }
}
