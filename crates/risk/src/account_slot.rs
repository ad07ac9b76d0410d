use crate::rules::AccountView;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountFreshness<'a> {
    Missing,
    Stale { view: &'a AccountView, age_ms: i64 },
    Fresh(&'a AccountView),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountSlot {
    latest: Option<(AccountView, i64)>,
}

impl AccountSlot {
    pub fn update(&mut self, view: AccountView, as_of_ms: i64) {
        let newer = self
            .latest
            .as_ref()
            .is_none_or(|(_, held_as_of)| as_of_ms >= *held_as_of);
        if newer {
            self.latest = Some((view, as_of_ms));
        }
    }

    pub fn as_of_ms(&self) -> Option<i64> {
        self.latest.as_ref().map(|(_, as_of)| *as_of)
    }

    pub fn freshness(&self, now_ms: i64, stale_data_ms: u64) -> AccountFreshness<'_> {
        let Some((view, as_of_ms)) = &self.latest else {
            return AccountFreshness::Missing;
        };
        let age_ms = now_ms.saturating_sub(*as_of_ms).max(0);
        let limit = i64::try_from(stale_data_ms).unwrap_or(i64::MAX);
        if age_ms > limit {
            AccountFreshness::Stale { view, age_ms }
        } else {
            AccountFreshness::Fresh(view)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{AccountView, LossStreak};
    use livespot_domain::Notional;
    use rust_decimal::Decimal;

    fn view(trades_today: u32) -> AccountView {
        AccountView {
            quote_asset: "USDT".to_owned(),
            balances: std::collections::BTreeMap::new(),
            positions: vec![],
            open_orders: vec![],
            realized_pnl_today: Decimal::ZERO,
            equity_now: Notional::ZERO,
            day_start_equity: Notional::ZERO,
            day_peak_equity: Notional::ZERO,
            trades_today,
            last_exit_ts_ms: std::collections::BTreeMap::new(),
            loss_streak: LossStreak::default(),
        }
    }

    #[test]
    fn no_state_yet_is_missing() {
        assert_eq!(
            AccountSlot::default().freshness(1_000, 5_000),
            AccountFreshness::Missing
        );
    }

    #[test]
    fn state_exactly_at_the_stale_limit_is_fresh_and_one_ms_later_stale() {
        let mut slot = AccountSlot::default();
        slot.update(view(1), 10_000);
        assert_eq!(
            slot.freshness(15_000, 5_000),
            AccountFreshness::Fresh(&view(1))
        );
        assert_eq!(
            slot.freshness(15_001, 5_000),
            AccountFreshness::Stale {
                view: &view(1),
                age_ms: 5_001
            }
        );
    }

    #[test]
    fn an_older_state_arriving_late_does_not_replace_a_newer_one() {
        let mut slot = AccountSlot::default();
        slot.update(view(2), 20_000);
        slot.update(view(1), 10_000);
        assert_eq!(slot.as_of_ms(), Some(20_000));
        assert_eq!(
            slot.freshness(20_000, 5_000),
            AccountFreshness::Fresh(&view(2))
        );
    }
}
