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
    measured_local_ms: AtomicI64,
    server_clock_rate: i64,
    measured_at: Mutex<Option<Instant>>,
    measurements: AtomicI64,
    skew_ms: AtomicI64,
    timestamp_rejections: AtomicI64,
}

impl Default for TimeSync {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeSync {
    pub fn new() -> Self {
        Self::with_server_clock_rate(1)
    }

    pub fn with_server_clock_rate(rate: u32) -> Self {
        Self {
            offset_ms: AtomicI64::new(0),
            measured_local_ms: AtomicI64::new(local_now_ms()),
            server_clock_rate: i64::from(rate.max(1)),
            measured_at: Mutex::new(None),
            measurements: AtomicI64::new(0),
            skew_ms: AtomicI64::new(0),
            timestamp_rejections: AtomicI64::new(0),
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
        let skew = self.skew_of(offset, i64::midpoint(sent_local_ms, received_local_ms));
        self.skew_ms.store(skew, Ordering::SeqCst);
        self.measured_local_ms.store(
            i64::midpoint(sent_local_ms, received_local_ms),
            Ordering::SeqCst,
        );
        self.offset_ms.store(offset, Ordering::SeqCst);
        self.measurements.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut at) = self.measured_at.lock() {
            *at = Some(Instant::now());
        }
        offset
    }

    fn skew_of(&self, offset: i64, local_ms: i64) -> i64 {
        if self.server_clock_rate == 1 {
            return offset;
        }
        if self.measurement_count() == 0 {
            return 0;
        }
        let predicted = self.server_ms_at(local_ms);
        (local_ms + offset - predicted) / self.server_clock_rate
    }

    pub fn skew_ms(&self) -> i64 {
        self.skew_ms.load(Ordering::SeqCst)
    }

    pub fn server_clock_rate(&self) -> i64 {
        self.server_clock_rate
    }

    pub fn note_timestamp_rejected(&self) {
        self.timestamp_rejections.fetch_add(1, Ordering::SeqCst);
    }

    pub fn timestamp_rejections(&self) -> i64 {
        self.timestamp_rejections.load(Ordering::SeqCst)
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }

    pub fn measurement_count(&self) -> i64 {
        self.measurements.load(Ordering::SeqCst)
    }

    pub fn server_now_ms(&self) -> i64 {
        self.server_ms_at(local_now_ms())
    }

    pub fn server_ms_at(&self, local_ms: i64) -> i64 {
        let since_measure = local_ms - self.measured_local_ms.load(Ordering::SeqCst);
        local_ms + self.offset_ms() + since_measure * (self.server_clock_rate - 1)
    }

    pub fn local_ms_at(&self, server_ms: i64) -> i64 {
        let measured_local = self.measured_local_ms.load(Ordering::SeqCst);
        let measured_server = measured_local + self.offset_ms();
        measured_local + (server_ms - measured_server) / self.server_clock_rate
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
    fn a_faster_server_clock_is_followed_at_its_rate_between_measurements() {
        let sync = TimeSync::with_server_clock_rate(60);
        sync.record(1_000, 50_000, 1_000);
        assert_eq!(sync.server_ms_at(1_000), 50_000);
        assert_eq!(sync.server_ms_at(1_100), 56_000);
        let unscaled = TimeSync::new();
        unscaled.record(1_000, 50_000, 1_000);
        assert_eq!(unscaled.server_ms_at(1_100), 50_100);
    }

    #[test]
    fn a_server_timestamp_maps_back_to_the_local_clock() {
        let sync = TimeSync::with_server_clock_rate(60);
        sync.record(1_000, 50_000, 1_000);
        assert_eq!(sync.local_ms_at(56_000), 1_100);
        assert_eq!(sync.local_ms_at(sync.server_ms_at(7_000)), 7_000);
        let unscaled = TimeSync::new();
        unscaled.record(1_000, 50_000, 1_000);
        assert_eq!(unscaled.local_ms_at(49_500), 500);
    }

    #[test]
    fn at_rate_one_the_skew_is_the_measured_offset() {
        let sync = TimeSync::new();
        assert_eq!(sync.record(1_000, 1_700, 1_000), 700);
        assert_eq!(sync.skew_ms(), 700);
        sync.record(2_000, 1_900, 2_000);
        assert_eq!(sync.skew_ms(), -100);
    }

    #[test]
    fn at_a_faster_rate_the_skew_is_the_model_error_in_wall_ms() {
        let sync = TimeSync::with_server_clock_rate(240);
        sync.record(1_000, 9_000_000, 1_000);
        assert_eq!(sync.skew_ms(), 0);
        sync.record(2_000, 9_240_000, 2_000);
        assert_eq!(sync.skew_ms(), 0);
        sync.record(3_000, 9_480_000 + 240 * 600, 3_000);
        assert_eq!(sync.skew_ms(), 600);
        sync.record(4_000, 9_720_000 + 240 * 600 - 240 * 2_600, 4_000);
        assert_eq!(sync.skew_ms(), -2_600);
    }

    #[test]
    fn timestamp_rejections_are_counted() {
        let sync = TimeSync::new();
        assert_eq!(sync.timestamp_rejections(), 0);
        sync.note_timestamp_rejected();
        assert_eq!(sync.timestamp_rejections(), 1);
    }

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
