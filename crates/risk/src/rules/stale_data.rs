use livespot_domain::ReasonCode;

use super::inputs::SymbolMarket;
use super::limits::RiskLimits;

pub fn check(market: Option<&SymbolMarket>, limits: &RiskLimits) -> Result<(), ReasonCode> {
    match market {
        Some(seen) if seen.last_update_age_ms <= limits.stale_data_ms => Ok(()),
        _ => Err(ReasonCode::RiskStaleData),
    }
}

pub fn check_decision(expires_at_ms: i64, now_ms: i64) -> Result<(), ReasonCode> {
    if now_ms < expires_at_ms {
        Ok(())
    } else {
        Err(ReasonCode::RiskStaleData)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{limits, symbol_market};

    fn aged(last_update_age_ms: u64) -> Result<(), ReasonCode> {
        let market = SymbolMarket {
            last_update_age_ms,
            ..symbol_market()
        };
        check(Some(&market), &limits())
    }

    #[test]
    fn data_exactly_at_the_stale_limit_is_still_fresh() {
        assert_eq!(limits().stale_data_ms, 5_000);
        assert_eq!(aged(4_999), Ok(()));
        assert_eq!(aged(5_000), Ok(()));
        assert_eq!(aged(5_001), Err(ReasonCode::RiskStaleData));
    }

    #[test]
    fn missing_market_data_is_stale() {
        assert_eq!(check(None, &limits()), Err(ReasonCode::RiskStaleData));
    }

    #[test]
    fn a_decision_is_stale_from_its_expiry_on() {
        assert_eq!(check_decision(1_000, 999), Ok(()));
        assert_eq!(check_decision(1_000, 1_000), Err(ReasonCode::RiskStaleData));
        assert_eq!(check_decision(1_000, 1_001), Err(ReasonCode::RiskStaleData));
    }
}
