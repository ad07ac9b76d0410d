use livespot_domain::ReasonCode;
use rust_decimal::Decimal;

use super::inputs::AccountView;
use super::limits::{RiskLimits, share_of};

pub fn check(account: &AccountView, limits: &RiskLimits) -> Result<(), ReasonCode> {
    let now = account.equity_now.value();
    let peak = account.day_peak_equity.value().max(now);
    let drawdown = peak - now;
    let allowed = share_of(peak, limits.max_drawdown_bps);
    if drawdown < allowed && allowed > Decimal::ZERO {
        Ok(())
    } else {
        Err(ReasonCode::RiskDrawdownLimit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{account, d, limits, n};

    fn equity(now: &str) -> Result<(), ReasonCode> {
        let account = AccountView {
            equity_now: n(now),
            day_peak_equity: n("12000"),
            ..account()
        };
        check(&account, &limits())
    }

    #[test]
    fn reaching_the_drawdown_limit_from_the_peak_blocks() {
        assert_eq!(limits().max_drawdown_bps.value(), d("1000"));
        assert_eq!(equity("10801"), Ok(()));
        assert_eq!(equity("10800"), Err(ReasonCode::RiskDrawdownLimit));
        assert_eq!(equity("10799"), Err(ReasonCode::RiskDrawdownLimit));
    }

    #[test]
    fn equity_above_a_stale_peak_is_its_own_peak() {
        assert_eq!(equity("13000"), Ok(()));
    }

    #[test]
    fn an_empty_account_has_no_room_to_draw_down() {
        let account = AccountView {
            equity_now: n("0"),
            day_peak_equity: n("0"),
            ..account()
        };
        assert_eq!(
            check(&account, &limits()),
            Err(ReasonCode::RiskDrawdownLimit)
        );
    }
}
