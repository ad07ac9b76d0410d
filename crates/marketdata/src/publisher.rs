use std::sync::Arc;
use std::time::{Duration, Instant};

use livespot_domain::{CorrelationIds, ProcessRole};
use livespot_ipc::{
    Connection, Endpoint, FrameLimits, IpcLimits, Listener, Payload, system_now_ms,
};
use livespot_runtime::ChildContext;
use tokio::sync::{broadcast, watch};
use tokio_util::sync::CancellationToken;

use crate::rest_feed::{SharedStore, lock};
use crate::snapshot::SnapshotClock;
use crate::{MarketdataError, Selection, build_message};

pub const SNAPSHOT_ALLOWLIST: [ProcessRole; 2] = [ProcessRole::Strategy, ProcessRole::Risk];
pub const PUBLISH_QUEUE: usize = 256;

#[derive(Debug, Clone)]
pub struct Outgoing {
    pub correlation: CorrelationIds,
    pub payload: Payload,
}

pub fn ipc_limits(context: &ChildContext) -> IpcLimits {
    IpcLimits {
        frame: FrameLimits {
            max_frame_bytes: context.config.ipc.max_frame_bytes,
        },
        handshake_timeout: Duration::from_millis(context.config.ipc.handshake_timeout_ms),
        ..IpcLimits::default()
    }
}

pub fn bind(context: &ChildContext) -> Result<Listener, MarketdataError> {
    let endpoint = Endpoint::for_role(
        &context.var_dir,
        &context.keys.run_id,
        ProcessRole::Marketdata,
    );
    Listener::bind(
        endpoint,
        SNAPSHOT_ALLOWLIST.to_vec(),
        context.keys.ipc.clone(),
        ipc_limits(context),
    )
    .map_err(|error| MarketdataError::Listen {
        detail: error.to_string(),
    })
}

pub async fn accept_loop(
    mut listener: Listener,
    feed: broadcast::Sender<Arc<Outgoing>>,
    shutdown: CancellationToken,
) {
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            accepted = listener.accept() => match accepted {
                Ok(connection) => {
                    tracing::info!(peer = connection.peer().as_str(), "snapshot subscriber connected");
                    tokio::spawn(serve(connection, feed.subscribe(), shutdown.clone()));
                }
                Err(error) => {
                    tracing::error!(reason = error.reason_code().as_str(), %error, "snapshot listener stopped");
                    return;
                }
            },
        }
    }
}

async fn serve(
    mut connection: Connection,
    mut feed: broadcast::Receiver<Arc<Outgoing>>,
    shutdown: CancellationToken,
) {
    loop {
        let outgoing = tokio::select! {
            () = shutdown.cancelled() => return,
            received = feed.recv() => match received {
                Ok(outgoing) => outgoing,
                Err(broadcast::error::RecvError::Lagged(skipped)) => {
                    tracing::warn!(skipped, "slow snapshot subscriber skipped snapshots");
                    continue;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
        };
        let sent = connection
            .send(outgoing.correlation.clone(), outgoing.payload.clone())
            .await;
        if let Err(error) = sent {
            tracing::info!(reason = error.reason_code().as_str(), %error, "snapshot subscriber gone");
            return;
        }
    }
}

pub struct Publisher {
    pub store: SharedStore,
    pub selection: watch::Receiver<Selection>,
    pub feed: broadcast::Sender<Arc<Outgoing>>,
    pub interval: Duration,
    pub kline_count: usize,
    pub correlation: CorrelationIds,
}

impl Publisher {
    fn publish_once(&self, seq: &mut u64) {
        let watchlist = self.selection.borrow().watchlist.clone();
        let store = lock(&self.store);
        let rest_age = store.rest_ok_at.map_or(Duration::MAX, |at| at.elapsed());
        for symbol in watchlist {
            let Some(market) = store.symbols.get(&symbol) else {
                continue;
            };
            *seq = seq.saturating_add(1);
            let clock = SnapshotClock {
                now: Instant::now(),
                now_ms: system_now_ms(),
                rest_age: rest_age.min(Duration::from_hours(24)),
                seq: *seq,
            };
            match build_message(&symbol, market, self.kline_count, clock) {
                Ok(Some(message)) => {
                    self.send(&message);
                }
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "snapshot not built");
                }
            }
        }
    }

    fn send(&self, message: &crate::SnapshotMessage) {
        let Ok(payload_json) = serde_json::to_string(message) else {
            tracing::warn!(reason = "CONTRACT_PAYLOAD_NOT_JSON", "snapshot not encoded");
            return;
        };
        let correlation = CorrelationIds {
            snapshot_id: Some(message.snapshot.snapshot_id.clone()),
            ..self.correlation.clone()
        };
        let outgoing = Outgoing {
            correlation,
            payload: Payload::MarketSnapshot { payload_json },
        };
        if self.feed.receiver_count() > 0 && self.feed.send(Arc::new(outgoing)).is_err() {
            tracing::debug!("no snapshot subscriber");
        }
    }

    pub async fn run(self, shutdown: CancellationToken) {
        let mut seq = u64::try_from(system_now_ms())
            .unwrap_or(0)
            .saturating_mul(1000);
        let mut ticker = tokio::time::interval(self.interval);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                _ = ticker.tick() => self.publish_once(&mut seq),
            }
        }
    }
}
