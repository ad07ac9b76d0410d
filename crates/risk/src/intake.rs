use livespot_audit::AuditClient;
use livespot_domain::{Clock, CorrelationIds, ProcessRole, RunId, SystemClock};
use livespot_ipc::{EnvelopeWriter, Listener, Payload, Rejection};
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::audit_events::auth_rejected_event;
use crate::inbound::{Inbound, forward_envelopes};

pub const RISK_ALLOWLIST: [ProcessRole; 2] = [ProcessRole::Strategy, ProcessRole::Executor];

#[derive(Debug)]
pub struct Peers {
    pub inbox: mpsc::Sender<Inbound>,
    pub accounts: watch::Receiver<Option<String>>,
    pub shutdown: CancellationToken,
}

pub async fn accept_peers(mut listener: Listener, peers: Peers) {
    loop {
        let accepted = tokio::select! {
            () = peers.shutdown.cancelled() => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok(connection) => {
                let peer = connection.peer();
                tracing::info!(peer = peer.as_str(), "peer connected to risk");
                let (reader, writer) = connection.into_split();
                if peer == ProcessRole::Strategy {
                    tokio::spawn(push_accounts(writer, peers.accounts.clone()));
                }
                tokio::spawn(forward_envelopes(reader, peers.inbox.clone()));
            }
            Err(error) => {
                tracing::error!(reason = error.reason_code().as_str(), %error, "risk listener stopped");
                return;
            }
        }
    }
}

pub async fn audit_rejections(
    mut rejections: mpsc::Receiver<Rejection>,
    audit: AuditClient,
    run_id: RunId,
) {
    while let Some(rejection) = rejections.recv().await {
        tracing::warn!(
            reason = rejection.reason.as_str(),
            claimed_role = ?rejection.claimed_role,
            detail = %rejection.detail,
            "connection refused at risk"
        );
        let event = auth_rejected_event(&run_id, SystemClock.now_ms(), &rejection);
        if let Err(error) = audit.record(event) {
            tracing::warn!(reason = "RISK_AUDIT_RECORD_FAILED", %error, "rejection kept in the log only");
        }
    }
}

pub async fn push_accounts(
    mut writer: EnvelopeWriter,
    mut accounts: watch::Receiver<Option<String>>,
) {
    accounts.mark_changed();
    while accounts.changed().await.is_ok() {
        let Some(payload_json) = accounts.borrow_and_update().clone() else {
            continue;
        };
        let payload = Payload::AccountState { payload_json };
        if let Err(error) = writer.send(CorrelationIds::default(), payload).await {
            tracing::info!(reason = error.reason_code().as_str(), %error, "account state link to the strategy closed");
            return;
        }
    }
}
