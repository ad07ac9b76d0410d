use livespot_domain::ReasonCode;
use rust_decimal::Decimal;

use super::inputs::AccountView;

pub fn check(account: &AccountView, order_cost: Decimal) -> Result<(), ReasonCode> {
    if account.free_quote() >= order_cost {
        Ok(())
    } else {
        Err(ReasonCode::RiskInsufficientFreeBalance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::exposure::order_cost;
    use crate::rules::fixtures::{account, b, d, limits, p, q};
    use crate::rules::inputs::Balance;
    use crate::rules::limits::RiskLimits;

    fn with_free(free: &str, locked: &str) -> AccountView {
        let mut account = account();
        account.balances.insert(
            "USDT".to_owned(),
            Balance {
                free: q(free),
                locked: q(locked),
            },
        );
        account
    }

    #[test]
    fn free_balance_exactly_covering_the_order_is_enough() {
        let account = with_free("1000", "0");
        assert_eq!(check(&account, d("999")), Ok(()));
        assert_eq!(check(&account, d("1000")), Ok(()));
        assert_eq!(
            check(&account, d("1001")),
            Err(ReasonCode::RiskInsufficientFreeBalance)
        );
    }

    #[test]
    fn the_order_reserve_is_part_of_what_free_balance_must_cover() {
        let reserved = RiskLimits {
            order_reserve_bps: b("40"),
            ..limits()
        };
        let cost = order_cost(q("2"), p("100"), &reserved);
        assert_eq!(cost, d("200.8"));
        assert_eq!(check(&with_free("200.81", "0"), cost), Ok(()));
        assert_eq!(check(&with_free("200.8", "0"), cost), Ok(()));
        assert_eq!(
            check(&with_free("200.79", "0"), cost),
            Err(ReasonCode::RiskInsufficientFreeBalance)
        );
    }

    #[test]
    fn locked_balance_does_not_pay_for_a_new_order() {
        let account = with_free("100", "5000");
        assert_eq!(
            check(&account, d("101")),
            Err(ReasonCode::RiskInsufficientFreeBalance)
        );
    }

    #[test]
    fn no_quote_balance_at_all_is_insufficient() {
        let mut account = account();
        account.balances.clear();
        assert_eq!(
            check(&account, d("1")),
            Err(ReasonCode::RiskInsufficientFreeBalance)
        );
    }
}
