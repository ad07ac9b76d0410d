use livespot_domain::{AuditEvent, AuditEventType, ReasonCode};
use livespot_runtime::ChildLink;

use crate::episode::{Episode, EpisodeSignal};

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

pub const RECONCILE_FAILURES_TO_DEGRADE: u32 = 3;

pub fn is_failed_reconcile(event: &AuditEvent) -> bool {
    event.event_type == AuditEventType::ReconcileRest
        && !event.reason_codes.is_empty()
        && !event.reason_codes.contains(&ReasonCode::DriftLimitExceeded)
}

#[derive(Debug, Default)]
pub struct ExecutionConditions {
    failed_reconciles: u32,
    reconcile_failed: Episode,
    rate_limited: Episode,
    banned: Episode,
}

impl ExecutionConditions {
    pub fn observe(&mut self, link: &ChildLink, event: &AuditEvent) {
        if let Some(reason) = condition_of(event) {
            raise(
                link,
                reason,
                event,
                "execution condition raised to the launcher",
            );
        } else if is_clean_reconcile(event) {
            link.clean_cycle(ReasonCode::DriftLimitExceeded);
        }
        self.observe_reconcile(link, event);
        self.observe_venue_limits(link, event);
    }

    fn observe_reconcile(&mut self, link: &ChildLink, event: &AuditEvent) {
        if event.event_type != AuditEventType::ReconcileRest {
            return;
        }
        let signal = if is_failed_reconcile(event) {
            self.failed_reconciles = self.failed_reconciles.saturating_add(1);
            if self.failed_reconciles < RECONCILE_FAILURES_TO_DEGRADE {
                return;
            }
            self.reconcile_failed.observe(true)
        } else {
            self.failed_reconciles = 0;
            self.reconcile_failed.observe(false)
        };
        let detail = format!(
            "{} consecutive failed reconcile runs",
            self.failed_reconciles
        );
        signal_condition(
            link,
            signal,
            ReasonCode::ReconcileFailedDegrade,
            event,
            &detail,
        );
    }

    fn observe_venue_limits(&mut self, link: &ChildLink, event: &AuditEvent) {
        let clean = is_clean_reconcile(event);
        for (episode, reason) in [
            (&mut self.rate_limited, ReasonCode::BinanceRateLimited),
            (&mut self.banned, ReasonCode::BinanceIpBanned),
        ] {
            let signal = if event.reason_codes.contains(&reason) {
                episode.observe(true)
            } else if clean {
                episode.observe(false)
            } else {
                None
            };
            signal_condition(link, signal, reason, event, "venue refused a request");
        }
    }
}

fn signal_condition(
    link: &ChildLink,
    signal: Option<EpisodeSignal>,
    reason: ReasonCode,
    event: &AuditEvent,
    detail: &str,
) {
    match signal {
        Some(EpisodeSignal::Raise) => raise(link, reason, event, detail),
        Some(EpisodeSignal::Clean) => link.clean_cycle(reason),
        None => {}
    }
}

fn raise(link: &ChildLink, reason: ReasonCode, event: &AuditEvent, detail: &str) {
    let codes: Vec<&str> = event.reason_codes.iter().map(|c| c.as_str()).collect();
    tracing::warn!(
        reason = reason.as_str(),
        event_reason_codes = ?codes,
        order_intent_id = event
            .correlation
            .order_intent_id
            .as_ref()
            .map(livespot_domain::OrderIntentId::as_str),
        detail,
        "execution condition raised to the launcher"
    );
    link.raise(
        reason,
        format!("{}: {detail} ({codes:?})", event.event_type.as_str()),
    );
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

#[cfg(test)]
#[path = "conditions_link_tests.rs"]
mod link_tests;
