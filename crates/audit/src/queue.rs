use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot, watch};

use crate::AuditError;
use crate::prepared::PreparedEvent;
use crate::record::EventRecord;
use crate::stats::{StatsSnapshot, WriterStats};
use crate::store::Ack;
use crate::writer::AuditWriter;
use crate::writer_loop::{WriterParts, run_writer_loop};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueConfig {
    pub capacity: usize,
    pub batch_size: usize,
}

impl Default for QueueConfig {
    fn default() -> Self {
        Self {
            capacity: 10_000,
            batch_size: 256,
        }
    }
}

pub type AckReceiver = oneshot::Receiver<Result<Vec<Ack>, AuditError>>;

#[derive(Debug)]
pub(crate) struct Submission {
    pub records: Vec<PreparedEvent>,
    pub len: usize,
    pub enqueued_at: Instant,
    pub reply: oneshot::Sender<Result<Vec<Ack>, AuditError>>,
    pub permits: OwnedSemaphorePermit,
}

#[derive(Debug, Clone)]
pub struct WriterHandle {
    tx: mpsc::UnboundedSender<Submission>,
    permits: Arc<Semaphore>,
    capacity: usize,
    stats: Arc<WriterStats>,
    faults: watch::Receiver<Option<AuditError>>,
}

impl WriterHandle {
    pub async fn submit(&self, records: Vec<EventRecord>) -> Result<AckReceiver, AuditError> {
        self.submit_prepared(records.into_iter().map(PreparedEvent::prepare).collect())
            .await
    }

    pub async fn submit_prepared(
        &self,
        events: Vec<PreparedEvent>,
    ) -> Result<AckReceiver, AuditError> {
        let wanted = self.permit_count(events.len())?;
        let permits = Arc::clone(&self.permits)
            .acquire_many_owned(wanted)
            .await
            .map_err(|_| AuditError::QueueClosed)?;
        self.enqueue(events, permits)
    }

    pub fn try_submit(&self, records: Vec<EventRecord>) -> Result<AckReceiver, AuditError> {
        let wanted = self.permit_count(records.len())?;
        let Ok(permits) = Arc::clone(&self.permits).try_acquire_many_owned(wanted) else {
            self.stats.record_drop(records.len() as u64);
            return Err(AuditError::QueueFull {
                capacity: self.capacity,
            });
        };
        self.enqueue(
            records.into_iter().map(PreparedEvent::prepare).collect(),
            permits,
        )
    }

    fn permit_count(&self, records: usize) -> Result<u32, AuditError> {
        if records > self.capacity {
            self.stats.record_drop(records as u64);
            return Err(AuditError::QueueFull {
                capacity: self.capacity,
            });
        }
        u32::try_from(records.max(1)).map_err(|_| AuditError::QueueFull {
            capacity: self.capacity,
        })
    }

    fn enqueue(
        &self,
        records: Vec<PreparedEvent>,
        permits: OwnedSemaphorePermit,
    ) -> Result<AckReceiver, AuditError> {
        let (reply, receiver) = oneshot::channel();
        let submission = Submission {
            len: records.len(),
            records,
            enqueued_at: Instant::now(),
            reply,
            permits,
        };
        self.tx
            .send(submission)
            .map_err(|_| AuditError::QueueClosed)?;
        Ok(receiver)
    }

    pub fn queue_pct(&self) -> u64 {
        let used = self
            .capacity
            .saturating_sub(self.permits.available_permits());
        (used as u64 * 100) / (self.capacity.max(1) as u64)
    }

    pub fn stats(&self) -> StatsSnapshot {
        self.stats.snapshot()
    }

    pub fn shared_stats(&self) -> Arc<WriterStats> {
        Arc::clone(&self.stats)
    }

    pub fn faults(&self) -> watch::Receiver<Option<AuditError>> {
        self.faults.clone()
    }
}

#[derive(Debug)]
pub struct WriterService {
    handle: WriterHandle,
    thread: JoinHandle<()>,
}

impl WriterService {
    pub fn spawn(writer: AuditWriter, config: QueueConfig) -> Result<Self, AuditError> {
        let (tx, rx) = mpsc::unbounded_channel();
        let (fault_tx, faults) = watch::channel(None);
        let stats = Arc::new(WriterStats::default());
        let (store, follower) = writer.into_pipeline()?;
        let parts = WriterParts {
            store,
            follower,
            batch_size: config.batch_size.max(1),
            stats: Arc::clone(&stats),
            faults: fault_tx,
        };
        let thread = std::thread::Builder::new()
            .name("audit-writer".to_owned())
            .spawn(move || run_writer_loop(parts, rx))
            .map_err(|error| AuditError::Write {
                detail: error.to_string(),
            })?;
        let handle = WriterHandle {
            tx,
            permits: Arc::new(Semaphore::new(config.capacity)),
            capacity: config.capacity,
            stats,
            faults,
        };
        Ok(Self { handle, thread })
    }

    pub fn handle(&self) -> WriterHandle {
        self.handle.clone()
    }

    pub fn shutdown(self) {
        drop(self.handle);
        if self.thread.join().is_err() {
            tracing::error!(
                reason = "AUDIT_WRITE_FAILED",
                "writer thread ended abnormally"
            );
        }
    }
}
