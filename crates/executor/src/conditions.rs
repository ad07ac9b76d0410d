use livespot_domain::{AuditEvent, AuditEventType, ReasonCode};
use livespot_runtime::ChildLink;

pub fn condition_of(event: &AuditEvent) -> Option<ReasonCode> {
    let has = |code: ReasonCode| event.reason_codes.contains(&code);
    if has(ReasonCode::PauseNeedsManualProtection) {
        return Some(ReasonCode::PauseNeedsManualProtection);
    }
    if has(ReasonCode::ExecutionSafeCloseDone) {
        return Some(ReasonCode::ProtectionInstallFailed);
    }
    if event.event_type == AuditEventType::ReconcileRest && has(ReasonCode::DriftLimitExceeded) {
        return Some(ReasonCode::DriftLimitExceeded);
    }
    None
}

pub fn is_clean_reconcile(event: &AuditEvent) -> bool {
    event.event_type == AuditEventType::ReconcileRest && event.reason_codes.is_empty()
}

pub fn report_conditions(link: &ChildLink, event: &AuditEvent) {
    if let Some(reason) = condition_of(event) {
        tracing::warn!(
            reason = reason.as_str(),
            order_intent_id = event
                .correlation
                .order_intent_id
                .as_ref()
                .map(livespot_domain::OrderIntentId::as_str),
            "execution condition raised to the launcher"
        );
        link.raise(reason, format!("{} event", event.event_type.as_str()));
    } else if is_clean_reconcile(event) {
        link.clean_cycle(ReasonCode::DriftLimitExceeded);
    }
}

#[cfg(test)]
mod tests {
    use livespot_domain::{CorrelationIds, ProcessRole};

    use super::*;

    fn event(kind: AuditEventType, reasons: Vec<ReasonCode>) -> AuditEvent {
        AuditEvent::new(kind, 1, ProcessRole::Executor, CorrelationIds::default())
            .with_reasons(reasons)
    }

    #[test]
    fn each_execution_failure_maps_to_its_fail_policy_condition() {
        let manual = event(
            AuditEventType::Position,
            vec![
                ReasonCode::ProtectionInstallFailed,
                ReasonCode::PauseNeedsManualProtection,
            ],
        );
        assert_eq!(
            condition_of(&manual),
            Some(ReasonCode::PauseNeedsManualProtection)
        );
        let closed = event(
            AuditEventType::Position,
            vec![
                ReasonCode::ProtectionInstallFailed,
                ReasonCode::ExecutionSafeCloseDone,
            ],
        );
        assert_eq!(
            condition_of(&closed),
            Some(ReasonCode::ProtectionInstallFailed)
        );
        let drift = event(
            AuditEventType::ReconcileRest,
            vec![ReasonCode::DriftLimitExceeded],
        );
        assert_eq!(condition_of(&drift), Some(ReasonCode::DriftLimitExceeded));
    }

    #[test]
    fn a_single_failed_install_attempt_and_a_clean_reconcile_raise_nothing() {
        let retry = event(
            AuditEventType::Order,
            vec![ReasonCode::ProtectionInstallFailed],
        );
        assert_eq!(condition_of(&retry), None);
        let clean = event(AuditEventType::ReconcileRest, vec![]);
        assert_eq!(condition_of(&clean), None);
        assert!(is_clean_reconcile(&clean));
        assert!(!is_clean_reconcile(&retry));
    }
}
