use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdaptiveParams {
    pub base_min_edge_bps: Decimal,
    pub per_loss_bps: Decimal,
    pub max_loss_steps: u32,
    pub high_volatility_bps: Decimal,
    pub high_volatility_add_bps: Decimal,
}

pub fn adaptive_min_edge_bps(
    loss_streak: u32,
    volatility_bps: Decimal,
    params: &AdaptiveParams,
) -> Decimal {
    let steps = Decimal::from(loss_streak.min(params.max_loss_steps));
    let volatility_add = if volatility_bps > params.high_volatility_bps {
        params.high_volatility_add_bps
    } else {
        Decimal::ZERO
    };
    params.base_min_edge_bps + steps * params.per_loss_bps + volatility_add
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn params() -> AdaptiveParams {
        AdaptiveParams {
            base_min_edge_bps: dec!(5),
            per_loss_bps: dec!(2),
            max_loss_steps: 3,
            high_volatility_bps: dec!(80),
            high_volatility_add_bps: dec!(4),
        }
    }

    #[test]
    fn base_when_calm_and_no_losses() {
        assert_eq!(adaptive_min_edge_bps(0, dec!(80), &params()), dec!(5));
    }

    #[test]
    fn raised_per_loss_up_to_a_cap() {
        assert_eq!(adaptive_min_edge_bps(2, dec!(10), &params()), dec!(9));
        assert_eq!(adaptive_min_edge_bps(7, dec!(10), &params()), dec!(11));
    }

    #[test]
    fn raised_in_high_volatility() {
        assert_eq!(adaptive_min_edge_bps(1, dec!(80.1), &params()), dec!(11));
    }
}
