use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    System,
    Virtual { start_ms: i64, tick_ms: i64 },
    Scaled { anchor_ms: i64, scale: i64 },
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

pub fn scaled_ms(anchor_ms: i64, scale: i64, system_now_ms: i64) -> i64 {
    anchor_ms.saturating_add(
        system_now_ms
            .saturating_sub(anchor_ms)
            .saturating_mul(scale.max(1)),
    )
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
            ClockMode::Scaled { anchor_ms, scale } => scaled_ms(anchor_ms, scale, system_ms()),
        };
        base + self.skew_ms
    }

    pub fn wall_ms(&self) -> i64 {
        match self.mode {
            ClockMode::Scaled { .. } => system_ms() + self.skew_ms,
            _ => self.now_ms(),
        }
    }

    pub fn describe(&self) -> serde_json::Value {
        match self.mode {
            ClockMode::System => serde_json::json!({"mode": "system", "scale": 1}),
            ClockMode::Virtual { start_ms, tick_ms } => {
                serde_json::json!({"mode": "virtual", "start_ms": start_ms, "tick_ms": tick_ms})
            }
            ClockMode::Scaled { anchor_ms, scale } => {
                serde_json::json!({"mode": "scaled", "anchor_ms": anchor_ms, "scale": scale})
            }
        }
    }

    pub const fn venue_ms_per_wall_ms(&self) -> i64 {
        match self.mode {
            ClockMode::Scaled { scale, .. } if scale > 1 => scale,
            _ => 1,
        }
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

    #[test]
    fn a_scaled_clock_runs_scale_times_faster_from_its_anchor() {
        assert_eq!(scaled_ms(1_000, 60, 1_000), 1_000);
        assert_eq!(scaled_ms(1_000, 60, 1_250), 16_000);
        assert_eq!(scaled_ms(1_000, 1, 1_250), 1_250);
        assert_eq!(scaled_ms(1_000, 0, 1_250), 1_250);
    }

    #[test]
    fn a_scaled_venue_clock_starts_at_the_wall_clock_and_then_leads_it() {
        let anchor = system_ms();
        let clock = VenueClock::new(ClockMode::Scaled {
            anchor_ms: anchor,
            scale: 1_000,
        });
        std::thread::sleep(std::time::Duration::from_millis(5));
        let lead = clock.now_ms() - system_ms();
        assert!(lead >= 4_000, "lead {lead} ms");
        assert_eq!(clock.venue_ms_per_wall_ms(), 1_000);
        assert!((clock.wall_ms() - system_ms()).abs() < 1_000);
        assert_eq!(clock.describe()["scale"], 1_000);
        assert_eq!(clock.describe()["anchor_ms"], anchor);
        assert_eq!(VenueClock::new(ClockMode::System).venue_ms_per_wall_ms(), 1);
    }
}
