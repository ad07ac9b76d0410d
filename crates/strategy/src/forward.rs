use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use livespot_domain::{AiGateResult, CorrelationIds, Decision, ProcessRole};
use livespot_ipc::{Endpoint, IpcLimits, Payload, RunKeys, connect};
use serde::Serialize;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

pub const RISK_RETRY_DELAY: Duration = Duration::from_secs(2);
pub const PROPOSAL_QUEUE: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProposalKind {
    Entry,
    Exit,
}

#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub kind: ProposalKind,
    pub decision: Decision,
    pub decision_hash: String,
    pub ai_gate: Option<AiGateResult>,
    pub modify_applied: bool,
}

#[derive(Debug, Clone)]
pub struct RiskForwarder {
    queue: mpsc::Sender<(CorrelationIds, String)>,
    connected: Arc<AtomicBool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forwarded {
    Queued,
    RiskNotConnected,
}

impl Forwarded {
    pub const fn stage(self) -> &'static str {
        match self {
            Self::Queued => "PROPOSAL_SENT_TO_RISK",
            Self::RiskNotConnected => "PROPOSAL_AUDITED_ONLY",
        }
    }
}

impl RiskForwarder {
    pub fn spawn(
        endpoint: Endpoint,
        keys: RunKeys,
        limits: IpcLimits,
        shutdown: CancellationToken,
    ) -> Self {
        let (queue, receiver) = mpsc::channel(PROPOSAL_QUEUE);
        let connected = Arc::new(AtomicBool::new(false));
        tokio::spawn(forward_loop(
            endpoint,
            keys,
            limits,
            receiver,
            Arc::clone(&connected),
            shutdown,
        ));
        Self { queue, connected }
    }

    pub fn forward(&self, correlation: CorrelationIds, proposal: &Proposal) -> Forwarded {
        if !self.connected.load(Ordering::SeqCst) {
            return Forwarded::RiskNotConnected;
        }
        let Ok(json) = serde_json::to_string(proposal) else {
            return Forwarded::RiskNotConnected;
        };
        match self.queue.try_send((correlation, json)) {
            Ok(()) => Forwarded::Queued,
            Err(_) => Forwarded::RiskNotConnected,
        }
    }
}

async fn forward_loop(
    endpoint: Endpoint,
    keys: RunKeys,
    limits: IpcLimits,
    mut receiver: mpsc::Receiver<(CorrelationIds, String)>,
    connected: Arc<AtomicBool>,
    shutdown: CancellationToken,
) {
    while !shutdown.is_cancelled() {
        if let Ok(mut connection) = connect(&endpoint, &keys, limits).await {
            tracing::info!(
                peer = ProcessRole::Risk.as_str(),
                "proposal link to risk up"
            );
            connected.store(true, Ordering::SeqCst);
            loop {
                let next = tokio::select! {
                    () = shutdown.cancelled() => return,
                    next = receiver.recv() => next,
                };
                let Some((correlation, payload_json)) = next else {
                    return;
                };
                if let Err(error) = connection
                    .send(correlation, Payload::Proposal { payload_json })
                    .await
                {
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "proposal link to risk lost");
                    break;
                }
            }
            connected.store(false, Ordering::SeqCst);
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(RISK_RETRY_DELAY) => {}
        }
    }
}
