use livespot_domain::ReasonCode;

use super::inputs::SymbolMarket;
use super::limits::RiskLimits;

pub fn check(market: Option<&SymbolMarket>, limits: &RiskLimits) -> Result<(), ReasonCode> {
    match market {
        Some(seen) if seen.spread_bps <= limits.max_spread_bps => Ok(()),
        _ => Err(ReasonCode::RiskSpreadGuard),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{b, limits, symbol_market};

    fn spread(bps: &str) -> Result<(), ReasonCode> {
        let market = SymbolMarket {
            spread_bps: b(bps),
            ..symbol_market()
        };
        check(Some(&market), &limits())
    }

    #[test]
    fn a_spread_exactly_at_the_maximum_is_allowed() {
        assert_eq!(limits().max_spread_bps, b("12"));
        assert_eq!(spread("11.99"), Ok(()));
        assert_eq!(spread("12"), Ok(()));
        assert_eq!(spread("12.01"), Err(ReasonCode::RiskSpreadGuard));
    }

    #[test]
    fn an_unknown_spread_is_refused() {
        assert_eq!(check(None, &limits()), Err(ReasonCode::RiskSpreadGuard));
    }
}
