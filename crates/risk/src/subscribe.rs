use livespot_ipc::{Endpoint, IpcLimits, RetryPolicy, RunKeys, connect_with_retry};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::executor_link::EXECUTOR_RECONNECT_PAUSE;
use crate::inbound::{Inbound, forward_envelopes};

#[derive(Debug)]
pub struct Subscription {
    pub endpoint: Endpoint,
    pub keys: RunKeys,
    pub limits: IpcLimits,
    pub inbox: mpsc::Sender<Inbound>,
    pub shutdown: CancellationToken,
}

impl Subscription {
    pub async fn run(self) {
        let policy = RetryPolicy::default();
        loop {
            let connected = tokio::select! {
                () = self.shutdown.cancelled() => return,
                connected = connect_with_retry(&self.endpoint, &self.keys, self.limits, policy) => connected,
            };
            match connected {
                Ok(connection) => {
                    tracing::info!(endpoint = %self.endpoint, "subscribed");
                    let (reader, _writer) = connection.into_split();
                    tokio::select! {
                        () = self.shutdown.cancelled() => return,
                        () = forward_envelopes(reader, self.inbox.clone()) => {}
                    }
                    tracing::warn!(endpoint = %self.endpoint, reason = "IPC_READ_FAILED", "subscription ended; reconnecting");
                }
                Err(error) => {
                    tracing::warn!(endpoint = %self.endpoint, reason = error.reason_code().as_str(), %error, "publisher not reachable");
                }
            }
            tokio::select! {
                () = self.shutdown.cancelled() => return,
                () = tokio::time::sleep(EXECUTOR_RECONNECT_PAUSE) => {}
            }
        }
    }
}
