use livespot_domain::ReasonCode;
use rust_decimal::Decimal;

use super::inputs::AccountView;
use super::limits::{RiskLimits, share_of};

pub fn check(account: &AccountView, limits: &RiskLimits) -> Result<(), ReasonCode> {
    let loss = -account.realized_pnl_today;
    let allowed = share_of(
        account.day_start_equity.value(),
        limits.daily_loss_limit_bps,
    );
    if loss < allowed && allowed > Decimal::ZERO {
        Ok(())
    } else {
        Err(ReasonCode::RiskDailyLossLimit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{account, d, limits, n};

    fn realized(pnl: &str) -> Result<(), ReasonCode> {
        let account = AccountView {
            realized_pnl_today: d(pnl),
            ..account()
        };
        check(&account, &limits())
    }

    #[test]
    fn reaching_the_daily_loss_limit_blocks() {
        assert_eq!(account().day_start_equity, n("10000"));
        assert_eq!(limits().daily_loss_limit_bps.value(), d("300"));
        assert_eq!(realized("-299"), Ok(()));
        assert_eq!(realized("-300"), Err(ReasonCode::RiskDailyLossLimit));
        assert_eq!(realized("-301"), Err(ReasonCode::RiskDailyLossLimit));
    }

    #[test]
    fn profit_never_trips_the_loss_limit() {
        assert_eq!(realized("0"), Ok(()));
        assert_eq!(realized("500"), Ok(()));
    }

    #[test]
    fn no_day_start_equity_allows_no_loss_at_all() {
        let account = AccountView {
            day_start_equity: n("0"),
            ..account()
        };
        assert_eq!(
            check(&account, &limits()),
            Err(ReasonCode::RiskDailyLossLimit)
        );
    }
}
