use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackoffPolicy {
    pub initial_ms: u64,
    pub max_ms: u64,
    pub jitter_percent: u64,
}

impl BackoffPolicy {
    pub fn base_delay_ms(&self, attempt: u32) -> u64 {
        let factor = 1_u64.checked_shl(attempt.min(32)).unwrap_or(u64::MAX);
        self.initial_ms.saturating_mul(factor).min(self.max_ms)
    }

    pub fn delay_ms(&self, attempt: u32, jitter_unit: u64) -> u64 {
        let base = self.base_delay_ms(attempt);
        let spread = base.saturating_mul(self.jitter_percent) / 100;
        let jitter = if spread == 0 {
            0
        } else {
            jitter_unit % (spread + 1)
        };
        base.saturating_add(jitter).min(self.max_ms)
    }
}

#[derive(Debug, Clone)]
pub struct CrashLoopWindow {
    limit: usize,
    window_ms: i64,
    restarts: VecDeque<i64>,
}

impl CrashLoopWindow {
    pub fn new(limit: usize, window_ms: i64) -> Self {
        Self {
            limit: limit.max(1),
            window_ms,
            restarts: VecDeque::new(),
        }
    }

    pub fn record(&mut self, now_ms: i64) -> bool {
        self.restarts.push_back(now_ms);
        self.in_loop(now_ms)
    }

    pub fn in_loop(&mut self, now_ms: i64) -> bool {
        while self
            .restarts
            .front()
            .is_some_and(|first| now_ms.saturating_sub(*first) > self.window_ms)
        {
            self.restarts.pop_front();
        }
        self.restarts.len() >= self.limit
    }

    pub fn recent(&self) -> usize {
        self.restarts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: BackoffPolicy = BackoffPolicy {
        initial_ms: 100,
        max_ms: 2_000,
        jitter_percent: 20,
    };

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(POLICY.base_delay_ms(0), 100);
        assert_eq!(POLICY.base_delay_ms(1), 200);
        assert_eq!(POLICY.base_delay_ms(3), 800);
        assert_eq!(POLICY.base_delay_ms(10), 2_000);
        assert_eq!(POLICY.base_delay_ms(u32::MAX), 2_000);
    }

    #[test]
    fn jitter_stays_within_its_percent_and_under_the_cap() {
        for unit in [0, 1, 7, 19, 20, 21, 1_000_003] {
            let delay = POLICY.delay_ms(0, unit);
            assert!((100..=120).contains(&delay), "{delay}");
            assert!(POLICY.delay_ms(12, unit) <= 2_000);
        }
        assert_ne!(POLICY.delay_ms(0, 3), POLICY.delay_ms(0, 4));
    }

    #[test]
    fn crash_loop_is_n_restarts_inside_the_window() {
        let mut window = CrashLoopWindow::new(3, 10_000);
        assert!(!window.record(0));
        assert!(!window.record(4_000));
        assert!(window.record(8_000));
        assert!(!window.in_loop(14_500));
        assert_eq!(window.recent(), 1);
    }

    #[test]
    fn restarts_spread_wider_than_the_window_never_loop() {
        let mut window = CrashLoopWindow::new(2, 1_000);
        assert!(!window.record(0));
        assert!(!window.record(5_000));
        assert!(!window.record(10_000));
    }
}
