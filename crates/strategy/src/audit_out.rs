use livespot_audit::AuditClient;
use livespot_domain::{
    AuditEvent, AuditEventType, CorrelationIds, CycleId, DecisionId, ProcessRole, ReasonCode,
    SnapshotId,
};
use livespot_ipc::{IpcLimits, system_now_ms};
use livespot_runtime::ChildContext;
use serde::Serialize;

pub const STRATEGY_SPOOL_CAPACITY: usize = 50_000;

#[derive(Debug, Clone)]
pub struct Auditor {
    client: AuditClient,
    base: CorrelationIds,
}

#[derive(Debug, Clone, Default)]
pub struct Ids {
    pub cycle_id: Option<CycleId>,
    pub snapshot_id: Option<SnapshotId>,
    pub decision_id: Option<DecisionId>,
}

#[derive(Debug, Serialize)]
struct StagePayload<'a> {
    stage: &'a str,
    symbol: Option<&'a str>,
    detail: &'a str,
}

impl Auditor {
    pub fn connect(context: &ChildContext, limits: IpcLimits) -> Self {
        Self {
            client: AuditClient::spawn_for_producer(
                &context.var_dir,
                context.keys.ipc.clone(),
                limits,
                STRATEGY_SPOOL_CAPACITY,
                context.link.shutdown(),
            ),
            base: CorrelationIds::for_run(context.keys.run_id.clone()),
        }
    }

    pub fn correlation(&self, ids: &Ids) -> CorrelationIds {
        CorrelationIds {
            cycle_id: ids.cycle_id.clone(),
            snapshot_id: ids.snapshot_id.clone(),
            decision_id: ids.decision_id.clone(),
            ..self.base.clone()
        }
    }

    pub fn record(&self, event: AuditEvent) {
        let kind = event.event_type;
        if let Err(error) = self.client.record(event) {
            tracing::warn!(reason = error.reason_code(), %error, event_type = kind.as_str(), "audit event kept in the log only");
        }
    }

    pub fn emit<T: Serialize>(
        &self,
        kind: AuditEventType,
        ids: &Ids,
        reasons: Vec<ReasonCode>,
        payload: &T,
    ) {
        let event = AuditEvent::new(
            kind,
            system_now_ms(),
            ProcessRole::Strategy,
            self.correlation(ids),
        )
        .with_reasons(reasons);
        match event.with_payload(payload) {
            Ok(event) => self.record(event),
            Err(violation) => {
                tracing::warn!(reason = violation.reason.as_str(), %violation, "audit payload refused");
            }
        }
    }

    pub fn stage(&self, ids: &Ids, stage: &str, symbol: Option<&str>, detail: &str) {
        let payload = StagePayload {
            stage,
            symbol,
            detail,
        };
        self.emit(AuditEventType::StageChanged, ids, Vec::new(), &payload);
    }
}
