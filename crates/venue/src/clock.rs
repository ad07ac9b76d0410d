use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    System,
    Virtual { start_ms: i64, tick_ms: i64 },
}

#[derive(Debug, Clone)]
pub struct VenueClock {
    pub mode: ClockMode,
    pub ticks: u64,
    pub skew_ms: i64,
}

pub fn system_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

impl VenueClock {
    pub const fn new(mode: ClockMode) -> Self {
        Self {
            mode,
            ticks: 0,
            skew_ms: 0,
        }
    }

    pub fn now_ms(&self) -> i64 {
        let base = match self.mode {
            ClockMode::System => system_ms(),
            ClockMode::Virtual { start_ms, tick_ms } => {
                start_ms + i64::try_from(self.ticks).unwrap_or_default() * tick_ms
            }
        };
        base + self.skew_ms
    }

    pub const fn advance(&mut self) {
        self.ticks += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_clock_moves_only_with_ticks_and_skew() {
        let mut clock = VenueClock::new(ClockMode::Virtual {
            start_ms: 1_000,
            tick_ms: 100,
        });
        assert_eq!(clock.now_ms(), 1_000);
        clock.advance();
        clock.skew_ms = 5;
        assert_eq!(clock.now_ms(), 1_105);
    }
}
