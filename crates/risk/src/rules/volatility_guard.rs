use livespot_domain::ReasonCode;

use super::inputs::SymbolMarket;
use super::limits::RiskLimits;

pub fn check(market: Option<&SymbolMarket>, limits: &RiskLimits) -> Result<(), ReasonCode> {
    let band = limits.min_volatility_bps..=limits.max_volatility_bps;
    match market {
        Some(seen) if band.contains(&seen.realized_volatility_bps) => Ok(()),
        _ => Err(ReasonCode::RiskVolatilityGuard),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{b, limits, symbol_market};

    fn volatility(bps: &str) -> Result<(), ReasonCode> {
        let market = SymbolMarket {
            realized_volatility_bps: b(bps),
            ..symbol_market()
        };
        check(Some(&market), &limits())
    }

    #[test]
    fn the_upper_edge_of_the_band_is_inside() {
        assert_eq!(limits().max_volatility_bps, b("300"));
        assert_eq!(volatility("299.99"), Ok(()));
        assert_eq!(volatility("300"), Ok(()));
        assert_eq!(volatility("300.01"), Err(ReasonCode::RiskVolatilityGuard));
    }

    #[test]
    fn the_lower_edge_of_the_band_is_inside() {
        assert_eq!(limits().min_volatility_bps, b("5"));
        assert_eq!(volatility("4.99"), Err(ReasonCode::RiskVolatilityGuard));
        assert_eq!(volatility("5"), Ok(()));
        assert_eq!(volatility("5.01"), Ok(()));
    }

    #[test]
    fn unknown_volatility_is_refused() {
        assert_eq!(check(None, &limits()), Err(ReasonCode::RiskVolatilityGuard));
    }
}
