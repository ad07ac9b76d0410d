use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use livespot_domain::{AiGateResult, CorrelationIds, Decision, Notional, ProcessRole};
use livespot_ipc::{Endpoint, EnvelopeReader, IpcLimits, Payload, RunKeys, connect};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, watch};
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
    equity: watch::Receiver<Option<Decimal>>,
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
        let (equity_tx, equity) = watch::channel(None);
        let link = RiskLink {
            endpoint,
            keys,
            limits,
            connected: Arc::clone(&connected),
            equity: equity_tx,
        };
        tokio::spawn(forward_loop(link, receiver, shutdown));
        Self {
            queue,
            connected,
            equity,
        }
    }

    pub fn is_connected(&self) -> bool {
        self.connected.load(Ordering::SeqCst)
    }

    pub fn latest_equity(&self) -> Option<Decimal> {
        *self.equity.borrow()
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

struct RiskLink {
    endpoint: Endpoint,
    keys: RunKeys,
    limits: IpcLimits,
    connected: Arc<AtomicBool>,
    equity: watch::Sender<Option<Decimal>>,
}

async fn forward_loop(
    link: RiskLink,
    mut receiver: mpsc::Receiver<(CorrelationIds, String)>,
    shutdown: CancellationToken,
) {
    while !shutdown.is_cancelled() {
        if let Ok(connection) = connect(&link.endpoint, &link.keys, link.limits).await {
            tracing::info!(
                peer = ProcessRole::Risk.as_str(),
                "proposal link to risk up"
            );
            link.connected.store(true, Ordering::SeqCst);
            let (reader, mut writer) = connection.into_split();
            let reading = tokio::spawn(read_account_states(reader, link.equity.clone()));
            loop {
                let next = tokio::select! {
                    () = shutdown.cancelled() => return,
                    next = receiver.recv() => next,
                };
                let Some((correlation, payload_json)) = next else {
                    return;
                };
                if let Err(error) = writer
                    .send(correlation, Payload::Proposal { payload_json })
                    .await
                {
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "proposal link to risk lost");
                    break;
                }
            }
            reading.abort();
            link.connected.store(false, Ordering::SeqCst);
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(RISK_RETRY_DELAY) => {}
        }
    }
}

#[derive(Debug, Deserialize)]
struct AccountEquity {
    equity_now: Notional,
}

pub fn equity_of(payload_json: &str) -> Option<Decimal> {
    serde_json::from_str::<AccountEquity>(payload_json)
        .ok()
        .map(|account| account.equity_now.value())
}

async fn read_account_states(mut reader: EnvelopeReader, equity: watch::Sender<Option<Decimal>>) {
    while let Ok(Some(envelope)) = reader.read_envelope().await {
        if let Payload::AccountState { payload_json } = envelope.payload {
            let value = equity_of(&payload_json);
            if value.is_none() {
                tracing::warn!(
                    reason = "IPC_CONTRACT_VIOLATION",
                    "account state without equity_now"
                );
            }
            equity.send_replace(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_equity_is_read_from_the_state_risk_forwards() {
        let json = r#"{"quote_asset":"USDT","equity_now":"1234.5","trades_today":1}"#;
        assert_eq!(equity_of(json), Some(Decimal::new(12345, 1)));
        assert_eq!(equity_of(r#"{"equity_now":"-1"}"#), None);
        assert_eq!(equity_of("{}"), None);
    }
}
