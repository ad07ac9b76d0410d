use std::time::Duration;

use livespot_domain::{ContractViolation, ReasonCode, Validate};
use livespot_ipc::{Endpoint, IpcLimits, Payload, RunKeys, connect};
use livespot_marketdata::SnapshotMessage;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

pub const MARKETDATA_RETRY_DELAY: Duration = Duration::from_millis(500);
pub const INBOX_QUEUE: usize = 1_024;

#[derive(Debug)]
pub enum Incoming {
    Snapshot(Box<SnapshotMessage>),
    Refused(ContractViolation),
}

pub fn check_snapshot(payload_json: &str) -> Result<SnapshotMessage, ContractViolation> {
    let message: SnapshotMessage = serde_json::from_str(payload_json).map_err(|error| {
        ContractViolation::new(
            ReasonCode::IpcDecodeFailed,
            "payload_json",
            error.to_string(),
        )
    })?;
    message.snapshot.validate()?;
    if !message.hash_matches() {
        return Err(ContractViolation::new(
            ReasonCode::ContractHashInvalid,
            "snapshot_hash",
            "snapshot_hash does not match the snapshot",
        ));
    }
    Ok(message)
}

pub fn spawn(
    endpoint: Endpoint,
    keys: RunKeys,
    limits: IpcLimits,
    shutdown: CancellationToken,
) -> mpsc::Receiver<Incoming> {
    let (sender, receiver) = mpsc::channel(INBOX_QUEUE);
    tokio::spawn(follow(endpoint, keys, limits, sender, shutdown));
    receiver
}

async fn follow(
    endpoint: Endpoint,
    keys: RunKeys,
    limits: IpcLimits,
    sender: mpsc::Sender<Incoming>,
    shutdown: CancellationToken,
) {
    while !shutdown.is_cancelled() {
        match connect(&endpoint, &keys, limits).await {
            Ok(mut connection) => {
                tracing::info!("following marketdata snapshots");
                loop {
                    let read = tokio::select! {
                        () = shutdown.cancelled() => return,
                        read = connection.read_envelope() => read,
                    };
                    let envelope = match read {
                        Ok(Some(envelope)) => envelope,
                        Ok(None) => break,
                        Err(error) => {
                            tracing::warn!(reason = error.reason_code().as_str(), %error, "snapshot link error");
                            if error.connection_still_aligned() {
                                continue;
                            }
                            break;
                        }
                    };
                    let Payload::MarketSnapshot { payload_json } = envelope.payload else {
                        continue;
                    };
                    let incoming = match check_snapshot(&payload_json) {
                        Ok(message) => Incoming::Snapshot(Box::new(message)),
                        Err(violation) => Incoming::Refused(violation),
                    };
                    if sender.send(incoming).await.is_err() {
                        return;
                    }
                }
                tracing::warn!("marketdata link closed; reconnecting");
            }
            Err(error) => {
                tracing::debug!(reason = error.reason_code().as_str(), %error, "marketdata not reachable yet");
            }
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(MARKETDATA_RETRY_DELAY) => {}
        }
    }
}
