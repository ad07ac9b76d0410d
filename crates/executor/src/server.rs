use std::sync::{Arc, Mutex};
use std::time::Duration;

use livespot_domain::{AuditEventType, ProcessRole, ReasonCode, SystemClock};
use livespot_ipc::{
    Endpoint, FileNonceStore, FrameLimits, IntentVerifier, IpcLimits, Listener, Rejection,
};
use livespot_runtime::{ChildContext, ChildLink};
use tokio::sync::mpsc;

use crate::connection_task::serve_connection;
use crate::{EngineLink, ExecutorAudit, HardCaps, Intake, IntakeError};

pub(crate) type SharedIntake = Arc<Mutex<Intake<SystemClock, FileNonceStore>>>;

pub const INTAKE_ALLOWLIST: [ProcessRole; 1] = [ProcessRole::Risk];

pub fn ipc_limits(context: &ChildContext) -> IpcLimits {
    IpcLimits {
        frame: FrameLimits {
            max_frame_bytes: context.config.ipc.max_frame_bytes,
        },
        handshake_timeout: Duration::from_millis(context.config.ipc.handshake_timeout_ms),
        ..IpcLimits::default()
    }
}

pub fn open_intake(context: &ChildContext) -> Result<SharedIntake, IntakeError> {
    let key = context
        .keys
        .ipc
        .intent_key
        .clone()
        .ok_or(IntakeError::IntentKeyMissing)?;
    let data_dir = context.var_dir.join("data");
    std::fs::create_dir_all(&data_dir)
        .map_err(|error| IntakeError::NonceStore(error.to_string()))?;
    let path = data_dir.join(format!("executor-nonces-{}.log", context.keys.run_id));
    let nonces =
        FileNonceStore::open(&path).map_err(|error| IntakeError::NonceStore(error.to_string()))?;
    let max_ttl_ms = i64::try_from(context.config.executor.intent_max_ttl_ms).unwrap_or(i64::MAX);
    let verifier = IntentVerifier::new(key, SystemClock, nonces).with_max_ttl_ms(max_ttl_ms);
    let caps = HardCaps::from_config(&context.config.executor);
    Ok(Arc::new(Mutex::new(Intake::new(verifier, caps))))
}

pub async fn serve_intake(
    context: &ChildContext,
    intake: SharedIntake,
    audit: ExecutorAudit,
    engine: EngineLink,
) -> Result<(), IntakeError> {
    let endpoint = Endpoint::for_role(
        &context.var_dir,
        &context.keys.run_id,
        ProcessRole::Executor,
    );
    let mut listener = Listener::bind(
        endpoint.clone(),
        INTAKE_ALLOWLIST.to_vec(),
        context.keys.ipc.clone(),
        ipc_limits(context),
    )
    .map_err(|error| IntakeError::Listen(error.to_string()))?;
    tracing::info!(%endpoint, "intake listening; only risk may connect");
    if let Some(rejections) = listener.take_rejections() {
        tokio::spawn(log_rejections(
            rejections,
            audit.clone(),
            context.link.clone(),
        ));
    }
    let shutdown = context.link.shutdown();
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(connection) => {
                    let served = serve_connection(connection, Arc::clone(&intake), context.link.clone(), audit.clone(), engine.clone());
                    tokio::spawn(served);
                }
                Err(error) => return Err(IntakeError::Listen(error.to_string())),
            },
        }
    }
}

pub const IPC_AUTH_QUIET: std::time::Duration = std::time::Duration::from_secs(10);

async fn log_rejections(
    mut rejections: mpsc::Receiver<Rejection>,
    audit: ExecutorAudit,
    link: ChildLink,
) {
    let mut episode = crate::episode::Episode::default();
    loop {
        let next = tokio::time::timeout(IPC_AUTH_QUIET, rejections.recv()).await;
        let signal = match next {
            Ok(Some(rejection)) => {
                record_rejection(&rejection, &audit);
                episode.observe(true)
            }
            Ok(None) => return,
            Err(_) => episode.observe(false),
        };
        match signal {
            Some(crate::episode::EpisodeSignal::Raise) => link.raise(
                ReasonCode::IpcAuthFailed,
                "a peer failed authentication at the executor intake",
            ),
            Some(crate::episode::EpisodeSignal::Clean) => {
                link.clean_cycle(ReasonCode::IpcAuthFailed);
            }
            None => {}
        }
    }
}

fn record_rejection(rejection: &Rejection, audit: &ExecutorAudit) {
    tracing::warn!(
        audit_event = "IPC_AUTH_REJECTED",
        reason = rejection.reason.as_str(),
        claimed_role = ?rejection.claimed_role,
        detail = %rejection.detail,
        "connection refused at the intake"
    );
    let payload = serde_json::json!({
        "listener": rejection.listener.as_str(),
        "claimed_role": rejection.claimed_role.map(ProcessRole::as_str),
        "detail": rejection.detail,
    });
    audit.record(
        AuditEventType::IpcAuthRejected,
        None,
        vec![rejection.reason],
        &payload,
    );
}
