use rand::Rng;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    min: Duration,
    max: Duration,
    attempt: u32,
}

impl Backoff {
    pub fn new(min: Duration, max: Duration) -> Self {
        Self {
            min,
            max: max.max(min),
            attempt: 0,
        }
    }

    pub fn reset(&mut self) {
        self.attempt = 0;
    }

    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    pub fn ceiling(&self) -> Duration {
        let factor = 1_u32.checked_shl(self.attempt.min(16)).unwrap_or(u32::MAX);
        self.min.saturating_mul(factor).min(self.max)
    }

    pub fn next_delay(&mut self) -> Duration {
        let ceiling = self.ceiling();
        self.attempt = self.attempt.saturating_add(1);
        let ceiling_ms = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        let jitter_ms = rand::rng().random_range(0..=ceiling_ms / 2);
        Duration::from_millis(ceiling_ms - jitter_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_and_stay_under_the_cap() {
        let mut backoff = Backoff::new(Duration::from_millis(100), Duration::from_secs(5));
        let mut ceilings = Vec::new();
        for _ in 0..10 {
            let ceiling = backoff.ceiling();
            let delay = backoff.next_delay();
            assert!(delay <= ceiling);
            assert!(delay >= ceiling / 2);
            ceilings.push(ceiling.as_millis());
        }
        assert_eq!(&ceilings[..6], &[100, 200, 400, 800, 1600, 3200]);
        assert!(ceilings.iter().all(|c| *c <= 5000));
        backoff.reset();
        assert_eq!(backoff.ceiling(), Duration::from_millis(100));
    }
}
