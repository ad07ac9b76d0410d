use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use livespot_audit::AuditClient;
use livespot_domain::{
    AuditEvent, AuditEventType, Clock, CorrelationIds, ProcessRole, ReasonCode, RunId, SystemClock,
};
use livespot_ipc::{IpcLimits, RunKeys as IpcRunKeys};
use tokio_util::sync::CancellationToken;

pub const LAUNCH_SPOOL_CAPACITY: usize = 10_000;
pub const AUDIT_FLUSH_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug)]
struct AuditSink {
    client: AuditClient,
    run_id: RunId,
}

static SINK: OnceLock<AuditSink> = OnceLock::new();

pub fn connect_audit(
    var_dir: &Path,
    run_id: &RunId,
    keys: IpcRunKeys,
    shutdown: CancellationToken,
) {
    let client = AuditClient::spawn_for_producer(
        var_dir,
        keys,
        IpcLimits::default(),
        LAUNCH_SPOOL_CAPACITY,
        shutdown,
    );
    if SINK
        .set(AuditSink {
            client,
            run_id: run_id.clone(),
        })
        .is_err()
    {
        tracing::warn!(
            reason = "AUDIT_CLIENT_ALREADY_SET",
            "second audit client ignored"
        );
    }
}

pub fn send_audit(event_type: &str, source: ProcessRole, reasons: &[ReasonCode], detail: &str) {
    let Some(sink) = SINK.get() else { return };
    let Ok(kind) = event_type.parse::<AuditEventType>() else {
        tracing::warn!(
            reason = "AUDIT_EVENT_TYPE_UNKNOWN",
            event_type,
            "not sent to audit"
        );
        return;
    };
    let event = AuditEvent::new(
        kind,
        SystemClock.now_ms(),
        ProcessRole::Launch,
        CorrelationIds::for_run(sink.run_id.clone()),
    )
    .with_reasons(reasons.to_vec());
    let event = match event
        .clone()
        .with_payload(&serde_json::json!({ "process": source.as_str(), "detail": detail }))
    {
        Ok(with_payload) => with_payload,
        Err(_) => event,
    };
    if let Err(error) = sink.client.record(event) {
        tracing::warn!(reason = "AUDIT_RECORD_FAILED", %error, event_type, "audit event kept in the log only");
    }
}

pub async fn flush_audit() {
    let Some(sink) = SINK.get() else { return };
    let target = sink
        .client
        .acked_through()
        .saturating_add(u64::try_from(sink.client.pending()).unwrap_or(0));
    match tokio::time::timeout(AUDIT_FLUSH_TIMEOUT, sink.client.wait_acked(target)).await {
        Ok(Ok(())) => tracing::info!(acked_through = target, "launcher audit events acknowledged"),
        Ok(Err(error)) => {
            tracing::warn!(reason = "AUDIT_FLUSH_FAILED", %error, "audit events not acknowledged");
        }
        Err(_) => tracing::warn!(
            reason = "AUDIT_FLUSH_TIMEOUT",
            pending = sink.client.pending(),
            "audit events not acknowledged in time"
        ),
    }
}
