use livespot_domain::{ReasonCode, Symbol};

use super::inputs::AccountView;
use super::limits::RiskLimits;

pub fn check(
    account: &AccountView,
    symbol: &Symbol,
    now_ms: i64,
    limits: &RiskLimits,
) -> Result<(), ReasonCode> {
    let Some(last_exit_ms) = account.last_exit_ts_ms.get(symbol) else {
        return Ok(());
    };
    let since_exit_ms = now_ms.saturating_sub(*last_exit_ms);
    if since_exit_ms >= limits.cooldown_ms {
        Ok(())
    } else {
        Err(ReasonCode::RiskCooldown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{NOW, account, btc, limits};

    fn exited_ago(ms: i64) -> Result<(), ReasonCode> {
        let mut account = account();
        account.last_exit_ts_ms.insert(btc(), NOW - ms);
        check(&account, &btc(), NOW, &limits())
    }

    #[test]
    fn the_cooldown_ends_exactly_when_its_time_has_passed() {
        assert_eq!(limits().cooldown_ms, 300_000);
        assert_eq!(exited_ago(299_999), Err(ReasonCode::RiskCooldown));
        assert_eq!(exited_ago(300_000), Ok(()));
        assert_eq!(exited_ago(300_001), Ok(()));
    }

    #[test]
    fn an_exit_in_the_future_keeps_the_cooldown() {
        assert_eq!(exited_ago(-1), Err(ReasonCode::RiskCooldown));
    }

    #[test]
    fn another_symbol_exit_does_not_cool_this_one() {
        let mut account = account();
        account
            .last_exit_ts_ms
            .insert(Symbol::new("ETHUSDT").unwrap(), NOW);
        assert_eq!(check(&account, &btc(), NOW, &limits()), Ok(()));
    }
}
