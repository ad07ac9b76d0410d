use livespot_domain::ReasonCode;

use super::inputs::{AccountView, LossStreak};
use super::limits::RiskLimits;

pub fn check(account: &AccountView, now_ms: i64, limits: &RiskLimits) -> Result<(), ReasonCode> {
    let LossStreak {
        count,
        last_loss_ts_ms,
    } = account.loss_streak;
    if count < limits.max_loss_streak {
        return Ok(());
    }
    let paused_long_enough = last_loss_ts_ms
        .is_some_and(|last| now_ms.saturating_sub(last) >= limits.loss_streak_pause_ms);
    if paused_long_enough {
        Ok(())
    } else {
        Err(ReasonCode::RiskLossStreak)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{NOW, account, limits};

    fn streak(count: u32, last_loss_ago_ms: Option<i64>) -> Result<(), ReasonCode> {
        let account = AccountView {
            loss_streak: LossStreak {
                count,
                last_loss_ts_ms: last_loss_ago_ms.map(|ago| NOW - ago),
            },
            ..account()
        };
        check(&account, NOW, &limits())
    }

    #[test]
    fn reaching_the_streak_limit_blocks() {
        assert_eq!(limits().max_loss_streak, 3);
        assert_eq!(streak(2, Some(0)), Ok(()));
        assert_eq!(streak(3, Some(0)), Err(ReasonCode::RiskLossStreak));
        assert_eq!(streak(4, Some(0)), Err(ReasonCode::RiskLossStreak));
    }

    #[test]
    fn the_streak_block_lifts_exactly_after_its_pause() {
        assert_eq!(limits().loss_streak_pause_ms, 3_600_000);
        assert_eq!(streak(3, Some(3_599_999)), Err(ReasonCode::RiskLossStreak));
        assert_eq!(streak(3, Some(3_600_000)), Ok(()));
        assert_eq!(streak(3, Some(3_600_001)), Ok(()));
    }

    #[test]
    fn a_streak_without_a_loss_time_stays_blocked() {
        assert_eq!(streak(3, None), Err(ReasonCode::RiskLossStreak));
    }
}
