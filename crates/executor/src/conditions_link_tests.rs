use livespot_domain::{CorrelationIds, ProcessRole, SysMode};
use livespot_runtime::ChildReport;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use super::*;

fn link() -> (ChildLink, mpsc::UnboundedReceiver<ChildReport>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (_mode_tx, mode_rx) = watch::channel(SysMode::Normal);
    (ChildLink::new(tx, mode_rx, CancellationToken::new()), rx)
}

fn reconcile(reasons: Vec<ReasonCode>) -> AuditEvent {
    AuditEvent::new(
        AuditEventType::ReconcileRest,
        1,
        ProcessRole::Executor,
        CorrelationIds::default(),
    )
    .with_reasons(reasons)
}

fn drained(rx: &mut mpsc::UnboundedReceiver<ChildReport>, reason: ReasonCode) -> Vec<&'static str> {
    let mut seen = Vec::new();
    while let Ok(report) = rx.try_recv() {
        match report {
            ChildReport::ConditionRaised { reason: r, .. } if r == reason => seen.push("raise"),
            ChildReport::CleanCycle { reason: r } if r == reason => seen.push("clean"),
            _ => {}
        }
    }
    seen
}

#[test]
fn three_consecutive_failed_reconciles_degrade_once_and_clean_runs_clear() {
    let (link, mut rx) = link();
    let mut conditions = ExecutionConditions::default();
    let failed = reconcile(vec![ReasonCode::ExecutionVenueUnavailable]);
    assert!(is_failed_reconcile(&failed));
    conditions.observe(&link, &failed);
    conditions.observe(&link, &failed);
    assert!(drained(&mut rx, ReasonCode::ReconcileFailedDegrade).is_empty());
    conditions.observe(&link, &failed);
    conditions.observe(&link, &failed);
    assert_eq!(
        drained(&mut rx, ReasonCode::ReconcileFailedDegrade),
        vec!["raise"]
    );
    for _ in 0..3 {
        conditions.observe(&link, &reconcile(vec![]));
    }
    assert_eq!(
        drained(&mut rx, ReasonCode::ReconcileFailedDegrade),
        vec!["clean", "clean"]
    );
}

#[test]
fn a_failure_between_clean_runs_is_not_counted_as_clean() {
    let (link, mut rx) = link();
    let mut conditions = ExecutionConditions::default();
    let failed = reconcile(vec![ReasonCode::ExecutionVenueUnavailable]);
    for _ in 0..3 {
        conditions.observe(&link, &failed);
    }
    conditions.observe(&link, &reconcile(vec![]));
    conditions.observe(&link, &failed);
    conditions.observe(&link, &reconcile(vec![]));
    assert_eq!(
        drained(&mut rx, ReasonCode::ReconcileFailedDegrade),
        vec!["raise", "clean", "clean"]
    );
    let drift = reconcile(vec![ReasonCode::DriftLimitExceeded]);
    assert!(!is_failed_reconcile(&drift));
}

#[test]
fn venue_bans_and_rate_limits_reach_the_launcher_once_per_episode() {
    let (link, mut rx) = link();
    let mut conditions = ExecutionConditions::default();
    let banned = reconcile(vec![ReasonCode::BinanceIpBanned]);
    conditions.observe(&link, &banned);
    conditions.observe(&link, &banned);
    conditions.observe(&link, &reconcile(vec![]));
    conditions.observe(&link, &reconcile(vec![]));
    assert_eq!(
        drained(&mut rx, ReasonCode::BinanceIpBanned),
        vec!["raise", "clean", "clean"]
    );
    let limited = AuditEvent::new(
        AuditEventType::IntentState,
        1,
        ProcessRole::Executor,
        CorrelationIds::default(),
    )
    .with_reasons(vec![ReasonCode::BinanceRateLimited]);
    conditions.observe(&link, &limited);
    assert_eq!(
        drained(&mut rx, ReasonCode::BinanceRateLimited),
        vec!["raise"]
    );
}
