use std::collections::VecDeque;

use crate::ExecutionPolicy;

pub const CHURN_WINDOW_SHORT_MS: i64 = 10_000;
pub const CHURN_WINDOW_LONG_MS: i64 = 60_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChurnWindows {
    sent_ms: VecDeque<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChurnCounts {
    pub last_10s: u32,
    pub last_60s: u32,
}

impl ChurnWindows {
    fn count_since(&self, since_ms: i64) -> u32 {
        let count = self.sent_ms.iter().filter(|t| **t > since_ms).count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    pub fn counts(&self, now_ms: i64) -> ChurnCounts {
        ChurnCounts {
            last_10s: self.count_since(now_ms - CHURN_WINDOW_SHORT_MS),
            last_60s: self.count_since(now_ms - CHURN_WINDOW_LONG_MS),
        }
    }

    pub fn allows(&self, now_ms: i64, policy: &ExecutionPolicy) -> bool {
        let counts = self.counts(now_ms);
        counts.last_10s < policy.max_orders_per_10s && counts.last_60s < policy.max_orders_per_60s
    }

    pub fn record(&mut self, now_ms: i64) {
        while self
            .sent_ms
            .front()
            .is_some_and(|t| *t <= now_ms - CHURN_WINDOW_LONG_MS)
        {
            self.sent_ms.pop_front();
        }
        self.sent_ms.push_back(now_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(short: u32, long: u32) -> ExecutionPolicy {
        ExecutionPolicy {
            max_orders_per_10s: short,
            max_orders_per_60s: long,
            ..ExecutionPolicy::default()
        }
    }

    #[test]
    fn short_window_blocks_at_its_limit_and_reopens_after_ten_seconds() {
        let mut churn = ChurnWindows::default();
        let limits = policy(3, 10);
        for t in [0, 1_000, 2_000] {
            assert!(churn.allows(t, &limits));
            churn.record(t);
        }
        assert!(!churn.allows(2_500, &limits));
        assert!(!churn.allows(9_999, &limits));
        assert!(churn.allows(10_000, &limits));
        assert_eq!(churn.counts(10_000).last_10s, 2);
    }

    #[test]
    fn long_window_blocks_even_when_short_window_is_clear() {
        let mut churn = ChurnWindows::default();
        let limits = policy(5, 6);
        for i in 0..6 {
            churn.record(i * 9_000);
        }
        let now = 5 * 9_000 + 10_001;
        assert_eq!(churn.counts(now).last_10s, 0);
        assert_eq!(churn.counts(now).last_60s, 6);
        assert!(!churn.allows(now, &limits));
        assert!(churn.allows(now + 60_000, &limits));
    }
}
