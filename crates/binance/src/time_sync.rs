use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub fn local_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[derive(Debug)]
pub struct TimeSync {
    offset_ms: AtomicI64,
    measured_at: Mutex<Option<Instant>>,
    measurements: AtomicI64,
}

impl Default for TimeSync {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeSync {
    pub fn new() -> Self {
        Self {
            offset_ms: AtomicI64::new(0),
            measured_at: Mutex::new(None),
            measurements: AtomicI64::new(0),
        }
    }

    pub fn offset_from_round_trip(
        sent_local_ms: i64,
        server_ms: i64,
        received_local_ms: i64,
    ) -> i64 {
        server_ms - i64::midpoint(sent_local_ms, received_local_ms)
    }

    pub fn record(&self, sent_local_ms: i64, server_ms: i64, received_local_ms: i64) -> i64 {
        let offset = Self::offset_from_round_trip(sent_local_ms, server_ms, received_local_ms);
        self.offset_ms.store(offset, Ordering::SeqCst);
        self.measurements.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut at) = self.measured_at.lock() {
            *at = Some(Instant::now());
        }
        offset
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }

    pub fn measurement_count(&self) -> i64 {
        self.measurements.load(Ordering::SeqCst)
    }

    pub fn server_now_ms(&self) -> i64 {
        local_now_ms() + self.offset_ms()
    }

    pub fn needs_refresh(&self, interval: Duration) -> bool {
        self.measured_at
            .lock()
            .map_or(true, |at| at.is_none_or(|t| t.elapsed() >= interval))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_uses_the_midpoint_of_the_round_trip() {
        assert_eq!(TimeSync::offset_from_round_trip(1000, 2100, 1200), 1000);
        assert_eq!(TimeSync::offset_from_round_trip(1000, 900, 1000), -100);
    }

    #[test]
    fn recording_applies_offset_and_marks_fresh() {
        let sync = TimeSync::new();
        assert!(sync.needs_refresh(Duration::from_mins(1)));
        sync.record(10, 5010, 10);
        assert_eq!(sync.offset_ms(), 5000);
        assert!(!sync.needs_refresh(Duration::from_mins(1)));
        assert!((sync.server_now_ms() - local_now_ms() - 5000).abs() < 1000);
    }
}
