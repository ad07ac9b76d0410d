use livespot_audit::AuditClient;
use livespot_domain::{Clock, ProcessRole, RunId, SystemClock};
use livespot_ipc::{Listener, Rejection};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::audit_events::auth_rejected_event;
use crate::inbound::{Inbound, forward_envelopes};

pub const RISK_ALLOWLIST: [ProcessRole; 2] = [ProcessRole::Strategy, ProcessRole::Executor];

pub async fn accept_peers(
    mut listener: Listener,
    inbox: mpsc::Sender<Inbound>,
    shutdown: CancellationToken,
) {
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok(connection) => {
                tracing::info!(peer = connection.peer().as_str(), "peer connected to risk");
                let (reader, _writer) = connection.into_split();
                tokio::spawn(forward_envelopes(reader, inbox.clone()));
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
