use std::time::Duration;

use livespot_domain::{Clock, CorrelationIds, SignedIntent, SystemClock};
use livespot_ipc::{
    Connection, Endpoint, IpcLimits, Payload, RetryPolicy, RunKeys, connect_with_retry,
};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::inbound::{Inbound, violation_from_ipc};

pub const EXECUTOR_RECONNECT_PAUSE: Duration = Duration::from_millis(500);
pub const OUTGOING_QUEUE: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub signed: SignedIntent,
    pub correlation: CorrelationIds,
}

#[derive(Debug)]
pub struct ExecutorLink {
    pub endpoint: Endpoint,
    pub keys: RunKeys,
    pub limits: IpcLimits,
    pub inbox: mpsc::Sender<Inbound>,
    pub shutdown: CancellationToken,
}

enum Ended {
    Shutdown,
    LinkLost,
}

impl ExecutorLink {
    pub async fn run(self, mut intents: mpsc::Receiver<Outgoing>) {
        let mut pending: Option<Outgoing> = None;
        loop {
            let connected = tokio::select! {
                () = self.shutdown.cancelled() => return,
                connected = connect_with_retry(&self.endpoint, &self.keys, self.limits, RetryPolicy::default()) => connected,
            };
            match connected {
                Ok(connection) => {
                    tracing::info!(endpoint = %self.endpoint, "connected to the executor");
                    let ended = self.serve(connection, &mut intents, &mut pending).await;
                    if matches!(ended, Ended::Shutdown) {
                        return;
                    }
                }
                Err(error) => {
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "executor not reachable");
                }
            }
            tokio::select! {
                () = self.shutdown.cancelled() => return,
                () = tokio::time::sleep(EXECUTOR_RECONNECT_PAUSE) => {}
            }
        }
    }

    async fn serve(
        &self,
        mut connection: Connection,
        intents: &mut mpsc::Receiver<Outgoing>,
        pending: &mut Option<Outgoing>,
    ) -> Ended {
        loop {
            if let Some(outgoing) = pending.take()
                && let Err(unsent) = send_unexpired(&mut connection, outgoing).await
            {
                *pending = Some(unsent);
                return Ended::LinkLost;
            }
            tokio::select! {
                () = self.shutdown.cancelled() => return Ended::Shutdown,
                next = intents.recv() => match next {
                    Some(outgoing) => *pending = Some(outgoing),
                    None => return Ended::Shutdown,
                },
                read = connection.read_envelope() => {
                    if !self.forward(read).await {
                        return Ended::LinkLost;
                    }
                }
            }
        }
    }

    async fn forward(
        &self,
        read: Result<Option<livespot_ipc::Envelope>, livespot_ipc::IpcError>,
    ) -> bool {
        let (inbound, keep) = match read {
            Ok(Some(envelope)) => (Inbound::Envelope(Box::new(envelope)), true),
            Ok(None) => return false,
            Err(error) => {
                let keep = error.connection_still_aligned();
                let violation = Inbound::Violation {
                    peer: self.endpoint.role(),
                    kind: "FRAME".to_owned(),
                    violation: violation_from_ipc(&error),
                };
                (violation, keep)
            }
        };
        self.inbox.send(inbound).await.is_ok() && keep
    }
}

async fn send_unexpired(connection: &mut Connection, outgoing: Outgoing) -> Result<(), Outgoing> {
    let now_ms = SystemClock.now_ms();
    let id = outgoing.signed.intent.order_intent_id.clone();
    if outgoing.signed.expires_at_ms <= now_ms {
        tracing::warn!(
            reason = "INTENT_EXPIRED",
            order_intent_id = id.as_str(),
            "signed intent expired before it could be sent"
        );
        return Ok(());
    }
    let payload = Payload::SignedIntent(outgoing.signed.clone());
    match connection.send(outgoing.correlation.clone(), payload).await {
        Ok(seq) => {
            tracing::info!(
                order_intent_id = id.as_str(),
                seq,
                "signed intent sent to the executor"
            );
            Ok(())
        }
        Err(error) => {
            tracing::warn!(reason = error.reason_code().as_str(), %error, order_intent_id = id.as_str(), "send failed; will resend on the next link");
            Err(outgoing)
        }
    }
}
