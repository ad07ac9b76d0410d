use std::time::Duration;

use livespot_audit::AuditClient;
use livespot_domain::ProcessRole;
use livespot_ipc::{Endpoint, FrameLimits, IpcLimits, Listener};
use livespot_runtime::{ChildContext, ExitStatus};
use tokio::sync::{mpsc, watch};

use crate::desk::{DeskSettings, RiskDesk};
use crate::desk_loop::DeskLoop;
use crate::error::RiskProcessError;
use crate::executor_link::{ExecutorLink, OUTGOING_QUEUE, Outgoing};
use crate::inbound::Inbound;
use crate::intake::{Peers, RISK_ALLOWLIST, accept_peers, audit_rejections};
use crate::rules::RiskEngine;
use crate::subscribe::Subscription;

pub const RISK_AUDIT_SPOOL_CAPACITY: usize = 10_000;
pub const RISK_INBOX: usize = 256;
pub const RISK_AUDIT_FLUSH_TIMEOUT: Duration = Duration::from_secs(3);

pub fn ipc_limits(context: &ChildContext) -> IpcLimits {
    IpcLimits {
        frame: FrameLimits {
            max_frame_bytes: context.config.ipc.max_frame_bytes,
        },
        handshake_timeout: Duration::from_millis(context.config.ipc.handshake_timeout_ms),
        ..IpcLimits::default()
    }
}

pub async fn run(context: ChildContext) -> ExitStatus {
    match serve(&context).await {
        Ok(()) => ExitStatus::Success,
        Err(error @ RiskProcessError::IntentKeyMissing) => {
            tracing::error!(reason = error.reason_code(), %error, "risk refuses to start");
            ExitStatus::Refused
        }
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "risk stopped");
            ExitStatus::Failure
        }
    }
}

pub async fn serve(context: &ChildContext) -> Result<(), RiskProcessError> {
    let keys = &context.keys;
    let intent_key = keys
        .ipc
        .intent_key
        .clone()
        .ok_or(RiskProcessError::IntentKeyMissing)?;
    let shutdown = context.link.shutdown();
    let limits = ipc_limits(context);
    let audit = AuditClient::spawn_for_producer(
        &context.var_dir,
        keys.ipc.clone(),
        limits,
        RISK_AUDIT_SPOOL_CAPACITY,
        shutdown.clone(),
    );
    let (inbox_tx, inbox) = mpsc::channel(RISK_INBOX);
    let (accounts, accounts_rx) = watch::channel(None);
    listen(context, &audit, inbox_tx.clone(), accounts_rx)?;
    let (outgoing_tx, outgoing) = mpsc::channel(OUTGOING_QUEUE);
    spawn_peer_links(context, inbox_tx, outgoing);
    let settings = DeskSettings::from_config(&context.config, Some(keys.run_id.clone()));
    let desk_loop = DeskLoop {
        desk: RiskDesk::new(
            RiskEngine::from_config(&context.config),
            intent_key,
            settings,
        ),
        audit: audit.clone(),
        link: context.link.clone(),
        run_id: keys.run_id.clone(),
        outgoing: outgoing_tx,
        accounts,
        cadence_minutes: context.config.strategy.kline_interval.minutes(),
    };
    desk_loop.run(inbox).await;
    flush_audit(&audit).await;
    Ok(())
}

fn spawn_peer_links(
    context: &ChildContext,
    inbox: mpsc::Sender<Inbound>,
    outgoing: mpsc::Receiver<Outgoing>,
) {
    let shutdown = context.link.shutdown();
    let executor = ExecutorLink {
        endpoint: endpoint_of(context, ProcessRole::Executor),
        keys: context.keys.ipc.clone(),
        limits: ipc_limits(context),
        inbox: inbox.clone(),
        shutdown: shutdown.clone(),
    };
    tokio::spawn(executor.run(outgoing));
    let marketdata = Subscription {
        endpoint: endpoint_of(context, ProcessRole::Marketdata),
        keys: context.keys.ipc.clone(),
        limits: ipc_limits(context),
        inbox,
        shutdown,
    };
    tokio::spawn(marketdata.run());
}

fn endpoint_of(context: &ChildContext, role: ProcessRole) -> Endpoint {
    Endpoint::for_role(&context.var_dir, &context.keys.run_id, role)
}

fn listen(
    context: &ChildContext,
    audit: &AuditClient,
    inbox: mpsc::Sender<Inbound>,
    accounts: watch::Receiver<Option<String>>,
) -> Result<(), RiskProcessError> {
    let keys = &context.keys;
    let mut listener = Listener::bind(
        endpoint_of(context, ProcessRole::Risk),
        RISK_ALLOWLIST.to_vec(),
        keys.ipc.clone(),
        ipc_limits(context),
    )
    .map_err(|error| RiskProcessError::Listen(error.to_string()))?;
    tracing::info!(endpoint = %listener.endpoint(), "risk listening for strategy and executor");
    if let Some(rejections) = listener.take_rejections() {
        tokio::spawn(audit_rejections(
            rejections,
            audit.clone(),
            keys.run_id.clone(),
        ));
    }
    let peers = Peers {
        inbox,
        accounts,
        shutdown: context.link.shutdown(),
    };
    tokio::spawn(accept_peers(listener, peers));
    Ok(())
}

async fn flush_audit(audit: &AuditClient) {
    let target = audit
        .acked_through()
        .saturating_add(u64::try_from(audit.pending()).unwrap_or(0));
    match tokio::time::timeout(RISK_AUDIT_FLUSH_TIMEOUT, audit.wait_acked(target)).await {
        Ok(Ok(())) => tracing::info!(acked_through = target, "risk audit events acknowledged"),
        Ok(Err(error)) => {
            tracing::warn!(reason = "AUDIT_FLUSH_FAILED", %error, "risk audit events not acknowledged");
        }
        Err(_) => tracing::warn!(
            reason = "AUDIT_FLUSH_TIMEOUT",
            pending = audit.pending(),
            "risk audit events not acknowledged in time"
        ),
    }
}
