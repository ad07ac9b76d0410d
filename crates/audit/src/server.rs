use livespot_domain::{CorrelationIds, ProcessRole};
use livespot_ipc::{Connection, EnvelopeReader, EnvelopeWriter, Listener, Payload};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::queue::{AckReceiver, WriterHandle};
use crate::record::EventRecord;

pub const CONNECTION_INBOX: usize = 4096;
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
    let (inbox_tx, inbox_rx) = mpsc::channel(CONNECTION_INBOX);
    let (pending_tx, pending_rx) = mpsc::channel(ACK_PIPELINE);
    let read = tokio::spawn(read_events(
        reader,
        inbox_tx,
        handle.clone(),
        closing.clone(),
    ));
    let submit = tokio::spawn(submit_batches(
        inbox_rx,
        pending_tx,
        handle,
        config.batch_size.max(1),
        closing.clone(),
    ));
    write_acks(writer, peer, pending_rx, closing.clone()).await;
    closing.cancel();
    drop(read.await);
    drop(submit.await);
    tracing::info!(peer = peer.as_str(), "audit producer disconnected");
}

async fn read_events(
    mut reader: EnvelopeReader,
    inbox: mpsc::Sender<EventRecord>,
    handle: WriterHandle,
    closing: CancellationToken,
) {
    let peer = reader.peer();
    loop {
        let read = tokio::select! {
            () = closing.cancelled() => return,
            read = reader.read_envelope() => read,
        };
        match read {
            Ok(Some(envelope)) => {
                let Payload::AuditEvent { seq, event } = envelope.payload else {
                    continue;
                };
                let record = EventRecord::from_owned_event(peer, seq, event);
                if inbox.send(record).await.is_err() {
                    return;
                }
            }
            Ok(None) => return,
            Err(error) if error.connection_still_aligned() => {
                handle.shared_stats().record_drop(1);
                tracing::warn!(reason = error.reason_code().as_str(), %error, "audit event refused");
            }
            Err(error) => {
                tracing::warn!(reason = error.reason_code().as_str(), %error, "audit link broken");
                return;
            }
        }
    }
}

async fn submit_batches(
    mut inbox: mpsc::Receiver<EventRecord>,
    pending: mpsc::Sender<AckReceiver>,
    handle: WriterHandle,
    batch_size: usize,
    closing: CancellationToken,
) {
    let mut batch = Vec::with_capacity(batch_size);
    loop {
        let received = tokio::select! {
            () = closing.cancelled() => return,
            received = inbox.recv_many(&mut batch, batch_size) => received,
        };
        if received == 0 {
            return;
        }
        let records = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
        let Ok(ack_receiver) = handle.submit(records).await else {
            closing.cancel();
            return;
        };
        if pending.send(ack_receiver).await.is_err() {
            return;
        }
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
