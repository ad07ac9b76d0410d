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
    use crate::rules::fixtures::{account, d, q};
    use crate::rules::inputs::Balance;

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
