use livespot_domain::{
    AuditEvent, AuditEventType, ContractViolation, CorrelationIds, ProcessRole, RunId,
};
use livespot_ipc::Rejection;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct ViolationPayload<'a> {
    peer: &'a str,
    kind: &'a str,
    field: &'a str,
    detail: &'a str,
}

pub fn contract_violation_event(
    run_id: &RunId,
    now_ms: i64,
    peer: ProcessRole,
    kind: &str,
    violation: &ContractViolation,
) -> AuditEvent {
    let payload = ViolationPayload {
        peer: peer.as_str(),
        kind,
        field: &violation.field,
        detail: &violation.detail,
    };
    let event = AuditEvent::new(
        AuditEventType::IpcContractViolation,
        now_ms,
        ProcessRole::Risk,
        CorrelationIds::for_run(run_id.clone()),
    )
    .with_reasons(vec![violation.reason]);
    event.clone().with_payload(&payload).unwrap_or(event)
}

pub fn auth_rejected_event(run_id: &RunId, now_ms: i64, rejection: &Rejection) -> AuditEvent {
    let event = AuditEvent::new(
        AuditEventType::IpcAuthRejected,
        now_ms,
        ProcessRole::Risk,
        CorrelationIds::for_run(run_id.clone()),
    )
    .with_reasons(vec![rejection.reason]);
    event.clone().with_payload(rejection).unwrap_or(event)
}

#[cfg(test)]
mod tests {
    use livespot_domain::{ReasonCode, Validate};

    use super::*;

    #[test]
    fn a_violation_is_audited_with_its_reason_field_and_peer() {
        let run_id = RunId::new("run-1").unwrap();
        let violation = ContractViolation::new(ReasonCode::ContractFieldEmpty, "market", "missing");
        let event = contract_violation_event(
            &run_id,
            1_764_000_000_000,
            ProcessRole::Strategy,
            "PROPOSAL",
            &violation,
        );
        assert_eq!(event.validate(), Ok(()));
        assert_eq!(event.event_type, AuditEventType::IpcContractViolation);
        assert_eq!(event.reason_codes, vec![ReasonCode::ContractFieldEmpty]);
        assert_eq!(event.correlation.run_id, Some(run_id));
        assert!(event.payload_json.contains("\"peer\":\"strategy\""));
        assert!(event.payload_json.contains("\"field\":\"market\""));
    }
}
