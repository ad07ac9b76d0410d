use livespot_domain::ReasonCode;

use super::inputs::AccountView;
use super::limits::RiskLimits;

pub fn check(account: &AccountView, limits: &RiskLimits) -> Result<(), ReasonCode> {
    if account.trades_today < limits.max_trades_per_day {
        Ok(())
    } else {
        Err(ReasonCode::RiskTradesPerDay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{account, limits};

    fn with_trades(trades_today: u32) -> Result<(), ReasonCode> {
        let account = AccountView {
            trades_today,
            ..account()
        };
        check(&account, &limits())
    }

    #[test]
    fn the_trade_that_would_exceed_the_daily_count_is_blocked() {
        assert_eq!(limits().max_trades_per_day, 20);
        assert_eq!(with_trades(19), Ok(()));
        assert_eq!(with_trades(20), Err(ReasonCode::RiskTradesPerDay));
        assert_eq!(with_trades(21), Err(ReasonCode::RiskTradesPerDay));
    }
}
