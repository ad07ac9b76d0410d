use livespot_domain::{CorrelationIds, ProcessRole};
use livespot_ipc::{Connection, EnvelopeReader, EnvelopeWriter, Listener, Payload};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::prepared::PreparedEvent;
use crate::queue::{AckReceiver, WriterHandle};
use crate::record::EventRecord;

pub const ACK_PIPELINE: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerConfig {
    pub batch_size: usize,
}

pub async fn serve(
    mut listener: Listener,
    handle: WriterHandle,
    config: ServerConfig,
    shutdown: CancellationToken,
) {
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok(connection) => {
                tracing::info!(
                    peer = connection.peer().as_str(),
                    "audit producer connected"
                );
                tokio::spawn(serve_connection(
                    connection,
                    handle.clone(),
                    config,
                    shutdown.child_token(),
                ));
            }
            Err(error) => {
                tracing::error!(reason = error.reason_code().as_str(), %error, "listener stopped");
                return;
            }
        }
    }
}

pub async fn serve_connection(
    connection: Connection,
    handle: WriterHandle,
    config: ServerConfig,
    closing: CancellationToken,
) {
    let (reader, writer) = connection.into_split();
    let peer = reader.peer();
    let (pending_tx, pending_rx) = mpsc::channel(ACK_PIPELINE);
    let intake = Intake {
        pending: pending_tx,
        handle,
        batch_size: config.batch_size.max(1),
        closing: closing.clone(),
    };
    let read = tokio::spawn(intake.run(reader));
    write_acks(writer, peer, pending_rx, closing.clone()).await;
    closing.cancel();
    drop(read.await);
    tracing::info!(peer = peer.as_str(), "audit producer disconnected");
}

type Read = Result<Option<livespot_ipc::Envelope>, livespot_ipc::IpcError>;

struct Intake {
    pending: mpsc::Sender<AckReceiver>,
    handle: WriterHandle,
    batch_size: usize,
    closing: CancellationToken,
}

impl Intake {
    async fn next_read(&self, reader: &mut EnvelopeReader, holding: bool) -> Option<Read> {
        if holding {
            return tokio::select! {
                biased;
                read = reader.read_envelope() => Some(read),
                () = std::future::ready(()) => None,
            };
        }
        tokio::select! {
            () = self.closing.cancelled() => Some(Ok(None)),
            read = reader.read_envelope() => Some(read),
        }
    }

    async fn run(self, mut reader: EnvelopeReader) {
        let peer = reader.peer();
        let mut batch = Vec::with_capacity(self.batch_size);
        loop {
            let read = match reader.read_buffered_envelope() {
                Some(buffered) => Some(buffered.map(Some)),
                None => self.next_read(&mut reader, !batch.is_empty()).await,
            };
            let ended = match read {
                None => false,
                Some(Ok(Some(envelope))) => {
                    if let Payload::AuditEvent { seq, event } = envelope.payload {
                        let record = EventRecord::from_owned_event(peer, seq, event);
                        batch.push(PreparedEvent::prepare(record));
                    }
                    if batch.len() < self.batch_size {
                        continue;
                    }
                    false
                }
                Some(Ok(None)) => true,
                Some(Err(error)) if error.connection_still_aligned() => {
                    self.handle.shared_stats().record_drop(1);
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "audit event refused");
                    continue;
                }
                Some(Err(error)) => {
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "audit link broken");
                    true
                }
            };
            if !self.submit(&mut batch).await || ended {
                return;
            }
        }
    }

    async fn submit(&self, batch: &mut Vec<PreparedEvent>) -> bool {
        if batch.is_empty() || self.closing.is_cancelled() {
            return !self.closing.is_cancelled();
        }
        let records = std::mem::replace(batch, Vec::with_capacity(self.batch_size));
        let Ok(ack_receiver) = self.handle.submit_prepared(records).await else {
            self.closing.cancel();
            return false;
        };
        self.pending.send(ack_receiver).await.is_ok()
    }
}

async fn write_acks(
    mut writer: EnvelopeWriter,
    peer: ProcessRole,
    mut pending: mpsc::Receiver<AckReceiver>,
    closing: CancellationToken,
) {
    while let Some(receiver) = pending.recv().await {
        let Ok(Ok(acks)) = receiver.await else {
            tracing::warn!(
                peer = peer.as_str(),
                reason = "AUDIT_WRITE_FAILED",
                "closing link so the producer resends"
            );
            return;
        };
        let Some(highest) = acks.iter().map(|ack| ack.seq).max() else {
            continue;
        };
        let ack = Payload::AuditAck {
            sender: peer,
            seq: highest,
        };
        if writer.send(CorrelationIds::default(), ack).await.is_err() || closing.is_cancelled() {
            return;
        }
    }
}
