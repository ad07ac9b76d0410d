use livespot_domain::{
    AuditEvent, AuditEventType, CorrelationIds, OrderIntentId, ProcessRole, ReasonCode,
};
use serde::Serialize;

pub fn correlation_for(order_intent_id: &str) -> CorrelationIds {
    CorrelationIds {
        order_intent_id: OrderIntentId::new(order_intent_id).ok(),
        ..CorrelationIds::default()
    }
}

pub fn executor_event<T: Serialize + ?Sized>(
    event_type: AuditEventType,
    ts_ms: i64,
    correlation: CorrelationIds,
    reasons: Vec<ReasonCode>,
    payload: &T,
) -> AuditEvent {
    let event = AuditEvent::new(event_type, ts_ms, ProcessRole::Executor, correlation)
        .with_reasons(reasons);
    match event.clone().with_payload(payload) {
        Ok(with_payload) => with_payload,
        Err(violation) => {
            tracing::warn!(%violation, "audit payload not encodable, event kept without payload");
            event
        }
    }
}
