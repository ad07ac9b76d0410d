use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use livespot_domain::ReasonCode;
use serde::Serialize;

use crate::checkpoint::{file_bytes, wal_path};
use crate::disk::{DiskFree, DiskSignal, DiskWatch};
use crate::queue::WriterHandle;
use crate::record::EventRecord;
use crate::self_events::SelfEvents;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HealthSample {
    pub queue_pct: u64,
    pub lag_ms: u64,
    pub drops: u64,
    pub events_per_min: u64,
    pub disk_free_bytes: Option<u64>,
    pub db_bytes: u64,
    pub wal_bytes: u64,
    pub events_written: u64,
    pub write_errors: u64,
}

#[derive(Debug, Default)]
pub struct HealthTick {
    pub sample: HealthSample,
    pub records: Vec<EventRecord>,
    pub signals: Vec<DiskSignal>,
}

#[derive(Debug)]
pub struct HealthMonitor {
    disk: Box<dyn DiskFree>,
    watch: DiskWatch,
    db_path: PathBuf,
    events: SelfEvents,
    last_written: u64,
    last_tick: Instant,
    alerted: BTreeSet<ReasonCode>,
}

impl HealthMonitor {
    pub fn new(
        disk: Box<dyn DiskFree>,
        watch: DiskWatch,
        db_path: PathBuf,
        events: SelfEvents,
    ) -> Self {
        Self {
            disk,
            watch,
            db_path,
            events,
            last_written: 0,
            last_tick: Instant::now(),
            alerted: BTreeSet::new(),
        }
    }

    pub fn tick(&mut self, handle: &WriterHandle, now_ms: i64) -> HealthTick {
        let sample = self.sample(handle);
        let signals = sample
            .disk_free_bytes
            .map(|free| self.watch.observe(free))
            .unwrap_or_default();
        let mut records = vec![
            self.events
                .next("PROCESS_HEALTH", now_ms, Vec::new(), &sample),
        ];
        for signal in &signals {
            let (event_type, marker, reason) = match signal {
                DiskSignal::Raise(reason) if self.alerted.insert(*reason) => {
                    ("ALERT_RAISED", ReasonCode::AlertRaised, reason)
                }
                DiskSignal::Clean(reason) if self.alerted.remove(reason) => {
                    ("ALERT_CLEARED", ReasonCode::AlertCleared, reason)
                }
                DiskSignal::Raise(_) | DiskSignal::Clean(_) => continue,
            };
            let alert = AlertPayload {
                code: reason.as_str(),
                detail: format!("disk free {:?} bytes", sample.disk_free_bytes),
            };
            let reasons = vec![reason.as_str().to_owned(), marker.as_str().to_owned()];
            records.push(self.events.next(event_type, now_ms, reasons, &alert));
        }
        HealthTick {
            sample,
            records,
            signals,
        }
    }

    fn sample(&mut self, handle: &WriterHandle) -> HealthSample {
        let stats = handle.stats();
        let elapsed_ms = u64::try_from(self.last_tick.elapsed().as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        let delta = stats.events_written.saturating_sub(self.last_written);
        self.last_written = stats.events_written;
        self.last_tick = Instant::now();
        HealthSample {
            queue_pct: handle.queue_pct(),
            lag_ms: stats.last_lag_ms,
            drops: stats.drops,
            events_per_min: delta.saturating_mul(60_000) / elapsed_ms,
            disk_free_bytes: self.disk.free_bytes(&self.db_path),
            db_bytes: file_bytes(&self.db_path),
            wal_bytes: file_bytes(&wal_path(&self.db_path)),
            events_written: stats.events_written,
            write_errors: stats.write_errors,
        }
    }
}

#[derive(Debug, Serialize)]
struct AlertPayload<'a> {
    code: &'a str,
    detail: String,
}
