use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct WriterStats {
    pub events_written: AtomicU64,
    pub duplicates: AtomicU64,
    pub batches: AtomicU64,
    pub drops: AtomicU64,
    pub write_errors: AtomicU64,
    pub last_lag_ms: AtomicU64,
    pub max_lag_ms: AtomicU64,
    pub queued_events: AtomicU64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    pub events_written: u64,
    pub duplicates: u64,
    pub batches: u64,
    pub drops: u64,
    pub write_errors: u64,
    pub last_lag_ms: u64,
    pub max_lag_ms: u64,
    pub queued_events: u64,
}

impl WriterStats {
    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            events_written: self.events_written.load(Ordering::Relaxed),
            duplicates: self.duplicates.load(Ordering::Relaxed),
            batches: self.batches.load(Ordering::Relaxed),
            drops: self.drops.load(Ordering::Relaxed),
            write_errors: self.write_errors.load(Ordering::Relaxed),
            last_lag_ms: self.last_lag_ms.load(Ordering::Relaxed),
            max_lag_ms: self.max_lag_ms.load(Ordering::Relaxed),
            queued_events: self.queued_events.load(Ordering::Relaxed),
        }
    }

    pub fn record_batch(&self, written: u64, duplicates: u64, lag_ms: u64) {
        self.events_written.fetch_add(written, Ordering::Relaxed);
        self.duplicates.fetch_add(duplicates, Ordering::Relaxed);
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.last_lag_ms.store(lag_ms, Ordering::Relaxed);
        self.max_lag_ms.fetch_max(lag_ms, Ordering::Relaxed);
    }

    pub fn record_drop(&self, events: u64) {
        self.drops.fetch_add(events, Ordering::Relaxed);
    }

    pub fn record_write_error(&self) {
        self.write_errors.fetch_add(1, Ordering::Relaxed);
    }

    pub fn set_queued(&self, events: u64) {
        self.queued_events.store(events, Ordering::Relaxed);
    }
}
