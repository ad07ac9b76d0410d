use livespot_audit::AuditClient;
use livespot_domain::{
    AuditEvent, AuditEventType, Clock, CorrelationIds, ProcessRole, ReasonCode, SystemClock,
};
use livespot_runtime::ChildContext;
use tokio_util::sync::CancellationToken;

use crate::ipc_limits;

pub const EXECUTOR_SPOOL_CAPACITY: usize = 10_000;

#[derive(Debug, Clone)]
pub struct ExecutorAudit {
    client: AuditClient,
    run_correlation: CorrelationIds,
}

impl ExecutorAudit {
    pub fn connect(context: &ChildContext) -> Self {
        Self {
            client: AuditClient::spawn_for_producer(
                &context.var_dir,
                context.keys.ipc.clone(),
                ipc_limits(context),
                EXECUTOR_SPOOL_CAPACITY,
                CancellationToken::new(),
            ),
            run_correlation: CorrelationIds::for_run(context.keys.run_id.clone()),
        }
    }

    pub fn record_event(&self, mut event: AuditEvent) {
        if event.correlation.run_id.is_none() {
            event
                .correlation
                .run_id
                .clone_from(&self.run_correlation.run_id);
        }
        if let Err(error) = self.client.record(event) {
            tracing::warn!(reason = "AUDIT_RECORD_FAILED", %error, "audit event kept in the log only");
        }
    }

    pub fn record(
        &self,
        kind: AuditEventType,
        correlation: Option<CorrelationIds>,
        reasons: Vec<ReasonCode>,
        payload: &serde_json::Value,
    ) {
        let mut correlation = correlation.unwrap_or_else(|| self.run_correlation.clone());
        if correlation.run_id.is_none() {
            correlation.run_id.clone_from(&self.run_correlation.run_id);
        }
        let event = AuditEvent::new(
            kind,
            SystemClock.now_ms(),
            ProcessRole::Executor,
            correlation,
        )
        .with_reasons(reasons);
        let event = match event.clone().with_payload(payload) {
            Ok(with_payload) => with_payload,
            Err(_) => event,
        };
        if let Err(error) = self.client.record(event) {
            tracing::warn!(reason = "AUDIT_RECORD_FAILED", %error, "audit event kept in the log only");
        }
    }
}
