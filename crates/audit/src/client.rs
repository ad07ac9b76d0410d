use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use livespot_domain::{AuditEvent, CorrelationIds, ProcessRole};
use livespot_ipc::{
    Connection, Endpoint, EnvelopeReader, EnvelopeWriter, IpcLimits, Payload, RunKeys, connect,
};
use tokio::sync::{Notify, watch};
use tokio_util::sync::CancellationToken;

use crate::AuditError;
use crate::spool::{AuditSpool, MemorySpool};
use crate::spool_durable::DurableSpool;

pub const CLIENT_SEND_CHUNK: usize = 512;
pub const RECONNECT_FIRST_DELAY: Duration = Duration::from_millis(50);
pub const RECONNECT_MAX_DELAY: Duration = Duration::from_secs(2);

#[derive(Debug, Clone)]
pub struct AuditLink {
    pub endpoint: Endpoint,
    pub keys: RunKeys,
    pub limits: IpcLimits,
}

type SharedSpool = Arc<Mutex<Box<dyn AuditSpool>>>;

#[derive(Debug, Clone)]
pub struct AuditClient {
    spool: SharedSpool,
    wake: Arc<Notify>,
    acked: watch::Receiver<u64>,
}

fn lock(spool: &SharedSpool) -> MutexGuard<'_, Box<dyn AuditSpool>> {
    spool
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AuditClient {
    pub fn spawn(link: AuditLink, spool: Box<dyn AuditSpool>, shutdown: CancellationToken) -> Self {
        let spool: SharedSpool = Arc::new(Mutex::new(spool));
        let wake = Arc::new(Notify::new());
        let (acked_tx, acked) = watch::channel(0);
        let worker = ClientWorker {
            link,
            spool: Arc::clone(&spool),
            wake: Arc::clone(&wake),
            acked: acked_tx,
            shutdown,
        };
        tokio::spawn(worker.run());
        Self { spool, wake, acked }
    }

    pub fn spawn_durable(
        var_dir: &std::path::Path,
        keys: RunKeys,
        limits: IpcLimits,
        capacity: usize,
        shutdown: CancellationToken,
    ) -> Result<Self, AuditError> {
        let role = keys.role;
        let spool = DurableSpool::open(&DurableSpool::path_for(var_dir, role), role, capacity)?;
        let link = AuditLink {
            endpoint: Endpoint::for_role(var_dir, &keys.run_id, ProcessRole::Audit),
            keys,
            limits,
        };
        Ok(Self::spawn(link, Box::new(spool), shutdown))
    }

    pub fn spawn_for_producer(
        var_dir: &std::path::Path,
        keys: RunKeys,
        limits: IpcLimits,
        capacity: usize,
        shutdown: CancellationToken,
    ) -> Self {
        match Self::spawn_durable(var_dir, keys.clone(), limits, capacity, shutdown.clone()) {
            Ok(client) => client,
            Err(error) => {
                tracing::error!(
                    reason = error.reason_code(),
                    %error,
                    "durable audit spool unavailable; events wait in memory until acknowledged"
                );
                let link = AuditLink {
                    endpoint: Endpoint::for_role(var_dir, &keys.run_id, ProcessRole::Audit),
                    keys,
                    limits,
                };
                let spool = MemorySpool::new(capacity, memory_spool_first_seq());
                Self::spawn(link, Box::new(spool), shutdown)
            }
        }
    }

    pub fn record(&self, event: AuditEvent) -> Result<u64, AuditError> {
        let seq = lock(&self.spool).push(event)?;
        self.wake.notify_one();
        Ok(seq)
    }

    pub fn pending(&self) -> usize {
        lock(&self.spool).pending()
    }

    pub fn acked_through(&self) -> u64 {
        *self.acked.borrow()
    }

    pub async fn wait_acked(&self, seq: u64) -> Result<(), AuditError> {
        let mut acked = self.acked.clone();
        acked
            .wait_for(|through| *through >= seq)
            .await
            .map(drop)
            .map_err(|_| AuditError::SinkUnavailable {
                detail: "audit client stopped".to_owned(),
            })
    }
}

#[derive(Debug)]
struct ClientWorker {
    link: AuditLink,
    spool: SharedSpool,
    wake: Arc<Notify>,
    acked: watch::Sender<u64>,
    shutdown: CancellationToken,
}

impl ClientWorker {
    async fn run(self) {
        let mut delay = RECONNECT_FIRST_DELAY;
        while !self.shutdown.is_cancelled() {
            match connect(&self.link.endpoint, &self.link.keys, self.link.limits).await {
                Ok(connection) => {
                    delay = RECONNECT_FIRST_DELAY;
                    self.run_connection(connection).await;
                }
                Err(error) => {
                    tracing::debug!(reason = "AUDIT_SINK_UNAVAILABLE", %error, "audit not reachable yet");
                }
            }
            tokio::select! {
                () = self.shutdown.cancelled() => return,
                () = tokio::time::sleep(delay) => {}
            }
            delay = (delay * 2).min(RECONNECT_MAX_DELAY);
        }
    }

    async fn run_connection(&self, connection: Connection) {
        let (reader, writer) = connection.into_split();
        tokio::select! {
            () = self.shutdown.cancelled() => {}
            () = self.read_acks(reader) => {}
            result = self.send_unacked(writer) => {
                if let Err(error) = result {
                    tracing::warn!(reason = "AUDIT_SINK_UNAVAILABLE", %error, "audit link lost");
                }
            }
        }
    }

    async fn read_acks(&self, mut reader: EnvelopeReader) {
        while let Ok(Some(envelope)) = reader.read_envelope().await {
            if let Payload::AuditAck { seq, .. } = envelope.payload {
                if let Err(error) = lock(&self.spool).ack_through(seq) {
                    tracing::error!(reason = error.reason_code(), %error, "ack not recorded");
                    return;
                }
                self.acked.send_if_modified(|through| {
                    let advanced = seq > *through;
                    *through = (*through).max(seq);
                    advanced
                });
            }
        }
    }

    async fn send_unacked(&self, mut writer: EnvelopeWriter) -> Result<(), AuditError> {
        let mut last_sent = 0;
        loop {
            let chunk = lock(&self.spool).unacked_after(last_sent, CLIENT_SEND_CHUNK)?;
            if chunk.is_empty() {
                self.wake.notified().await;
                continue;
            }
            let through = chunk.last().map_or(last_sent, |(seq, _)| *seq);
            let envelopes = chunk
                .into_iter()
                .map(|(seq, event)| {
                    (
                        CorrelationIds::default(),
                        Payload::AuditEvent { seq, event },
                    )
                })
                .collect();
            writer
                .send_many(envelopes)
                .await
                .map_err(|error| AuditError::SinkUnavailable {
                    detail: error.to_string(),
                })?;
            last_sent = through;
        }
    }
}

const MEMORY_SPOOL_SEQ_PER_MS: u64 = 1_000;

fn memory_spool_first_seq() -> u64 {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        });
    now_ms.saturating_mul(MEMORY_SPOOL_SEQ_PER_MS).max(1)
}
