use rust_decimal::Decimal;
use serde::Serialize;

use crate::indicators::{BPS_PER_UNIT, to_bps};
use livespot_domain::ReasonCode;

use crate::Regime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeParams {
    pub maker_fee_bps: Decimal,
    pub taker_fee_bps: Decimal,
    pub expected_slippage_bps: Decimal,
    pub hit_rate_trend_x10000: i64,
    pub hit_rate_range_x10000: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeInputs {
    pub regime: Regime,
    pub entry_price: Decimal,
    pub take_profit: Decimal,
    pub stop_loss: Decimal,
    pub half_spread_bps: Decimal,
    pub entry_is_maker: bool,
    pub min_edge_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EdgeEstimate {
    pub hit_rate_x10000: i64,
    pub reward_bps: Decimal,
    pub risk_bps: Decimal,
    pub expected_move_bps: Decimal,
    pub fees_bps: Decimal,
    pub slippage_bps: Decimal,
    pub half_spread_bps: Decimal,
    pub net_edge_bps: Decimal,
    pub min_edge_bps: Decimal,
}

impl EdgeEstimate {
    pub fn check(&self) -> Result<(), ReasonCode> {
        if self.net_edge_bps < self.min_edge_bps {
            Err(ReasonCode::EdgeBelowMin)
        } else {
            Ok(())
        }
    }
}

pub fn estimate_edge(inputs: &EdgeInputs, params: &EdgeParams) -> EdgeEstimate {
    let hit_rate_x10000 = match inputs.regime {
        Regime::Trend => params.hit_rate_trend_x10000,
        Regime::Range | Regime::NoTrade => params.hit_rate_range_x10000,
    };
    let hit = Decimal::from(hit_rate_x10000) / BPS_PER_UNIT;
    let reward_bps =
        to_bps(inputs.take_profit - inputs.entry_price, inputs.entry_price).unwrap_or_default();
    let risk_bps =
        to_bps(inputs.entry_price - inputs.stop_loss, inputs.entry_price).unwrap_or_default();
    let expected_move_bps = (hit * reward_bps - (Decimal::ONE - hit) * risk_bps).round_dp(4);
    let entry_fee = if inputs.entry_is_maker {
        params.maker_fee_bps
    } else {
        params.taker_fee_bps
    };
    let taking_legs = if inputs.entry_is_maker {
        Decimal::ONE
    } else {
        Decimal::TWO
    };
    let fees_bps = entry_fee + params.taker_fee_bps;
    let slippage_bps = params.expected_slippage_bps * taking_legs;
    let half_spread_bps = (inputs.half_spread_bps * taking_legs).round_dp(4);
    EdgeEstimate {
        hit_rate_x10000,
        reward_bps,
        risk_bps,
        expected_move_bps,
        fees_bps,
        slippage_bps,
        half_spread_bps,
        net_edge_bps: expected_move_bps - fees_bps - slippage_bps - half_spread_bps,
        min_edge_bps: inputs.min_edge_bps,
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn params() -> EdgeParams {
        EdgeParams {
            maker_fee_bps: dec!(7.5),
            taker_fee_bps: dec!(10),
            expected_slippage_bps: dec!(2),
            hit_rate_trend_x10000: 4500,
            hit_rate_range_x10000: 5500,
        }
    }

    fn inputs(regime: Regime, maker: bool, min_edge: Decimal) -> EdgeInputs {
        EdgeInputs {
            regime,
            entry_price: dec!(100),
            take_profit: dec!(102),
            stop_loss: dec!(99),
            half_spread_bps: dec!(1.5),
            entry_is_maker: maker,
            min_edge_bps: min_edge,
        }
    }

    #[test]
    fn maker_entry_edge_is_expected_move_minus_one_taking_leg() {
        let edge = estimate_edge(&inputs(Regime::Trend, true, dec!(10)), &params());
        assert_eq!((edge.reward_bps, edge.risk_bps), (dec!(200), dec!(100)));
        assert_eq!(edge.expected_move_bps, dec!(35));
        assert_eq!(edge.fees_bps, dec!(17.5));
        assert_eq!(edge.net_edge_bps, dec!(14));
        assert_eq!(edge.check(), Ok(()));
    }

    #[test]
    fn taker_entry_pays_taker_fee_and_two_legs_of_spread_and_slippage() {
        let edge = estimate_edge(&inputs(Regime::Range, false, dec!(10)), &params());
        assert_eq!(edge.expected_move_bps, dec!(65));
        assert_eq!(edge.net_edge_bps, dec!(38));
        assert_eq!(edge.check(), Ok(()));
    }

    #[test]
    fn edge_under_min_blocks_with_edge_below_min() {
        let edge = estimate_edge(&inputs(Regime::Trend, true, dec!(14.01)), &params());
        assert_eq!(edge.check(), Err(ReasonCode::EdgeBelowMin));
    }
}
