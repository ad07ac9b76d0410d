use std::collections::VecDeque;

use crate::error::GateError;

pub const MINUTE_MS: i64 = 60_000;
pub const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    calls_per_minute: u32,
    tokens_per_day: u64,
    recent_calls: VecDeque<i64>,
    day_index: i64,
    tokens_today: u64,
}

impl Budget {
    pub fn new(calls_per_minute: u32, tokens_per_day: u64) -> Self {
        Self {
            calls_per_minute,
            tokens_per_day,
            recent_calls: VecDeque::new(),
            day_index: i64::MIN,
            tokens_today: 0,
        }
    }

    pub fn try_spend_call(&mut self, now_ms: i64) -> Result<(), GateError> {
        self.roll_day(now_ms);
        while self
            .recent_calls
            .front()
            .is_some_and(|&at| now_ms - at >= MINUTE_MS)
        {
            self.recent_calls.pop_front();
        }
        if self.tokens_today >= self.tokens_per_day {
            return Err(GateError::BudgetExhausted {
                detail: format!(
                    "{} of {} tokens used today",
                    self.tokens_today, self.tokens_per_day
                ),
            });
        }
        let calls = u32::try_from(self.recent_calls.len()).unwrap_or(u32::MAX);
        if calls >= self.calls_per_minute {
            return Err(GateError::BudgetExhausted {
                detail: format!(
                    "{calls} calls in the last minute, limit {}",
                    self.calls_per_minute
                ),
            });
        }
        self.recent_calls.push_back(now_ms);
        Ok(())
    }

    pub fn record_tokens(&mut self, now_ms: i64, tokens: u64) {
        self.roll_day(now_ms);
        self.tokens_today = self.tokens_today.saturating_add(tokens);
    }

    pub fn tokens_today(&self) -> u64 {
        self.tokens_today
    }

    fn roll_day(&mut self, now_ms: i64) {
        let day = now_ms.div_euclid(DAY_MS);
        if day != self.day_index {
            self.day_index = day;
            self.tokens_today = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use livespot_domain::ReasonCode;

    const T0: i64 = 1_700_000_000_000;

    fn reason(result: Result<(), GateError>) -> Option<ReasonCode> {
        result.err().map(|error| error.reason())
    }

    #[test]
    fn calls_per_minute_is_a_sliding_window() {
        let mut budget = Budget::new(2, 10_000);
        assert_eq!(reason(budget.try_spend_call(T0)), None);
        assert_eq!(reason(budget.try_spend_call(T0 + 10)), None);
        assert_eq!(
            reason(budget.try_spend_call(T0 + 59_999)),
            Some(ReasonCode::AiBudgetExhausted)
        );
        assert_eq!(reason(budget.try_spend_call(T0 + MINUTE_MS)), None);
    }

    #[test]
    fn tokens_per_day_reset_at_the_utc_day_boundary() {
        let mut budget = Budget::new(100, 1_000);
        let day_start = T0.div_euclid(DAY_MS) * DAY_MS;
        assert_eq!(reason(budget.try_spend_call(day_start + 1)), None);
        budget.record_tokens(day_start + 2, 1_000);
        assert_eq!(budget.tokens_today(), 1_000);
        assert_eq!(
            reason(budget.try_spend_call(day_start + 3)),
            Some(ReasonCode::AiBudgetExhausted)
        );
        assert_eq!(reason(budget.try_spend_call(day_start + DAY_MS)), None);
        assert_eq!(budget.tokens_today(), 0);
    }
}
