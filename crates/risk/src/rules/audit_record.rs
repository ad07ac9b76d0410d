use livespot_domain::{
    AuditEvent, AuditEventType, ContractViolation, CorrelationIds, ProcessRole, RunId,
};

use super::inputs::Proposal;
use super::verdict::Assessment;

pub fn verdict_event(
    proposal: &Proposal,
    assessment: &Assessment,
    run_id: Option<RunId>,
) -> Result<AuditEvent, ContractViolation> {
    let verdict = &assessment.verdict;
    let mut correlation = CorrelationIds {
        run_id,
        decision_id: Some(verdict.decision_id().clone()),
        order_intent_id: assessment
            .intent
            .as_ref()
            .map(|intent| intent.order_intent_id.clone()),
        ..CorrelationIds::default()
    };
    if let Proposal::Entry(decision) = proposal {
        correlation.cycle_id = Some(decision.cycle_id.clone());
        correlation.snapshot_id = Some(decision.snapshot_id.clone());
    }
    AuditEvent::new(
        AuditEventType::RiskVerdict,
        verdict.ts_ms(),
        ProcessRole::Risk,
        correlation,
    )
    .with_reasons(verdict.reason_codes().to_vec())
    .with_payload(assessment)
}

#[cfg(test)]
mod tests {
    use livespot_domain::{DecisionId, FixedClock, ReasonCode, SysMode, Validate};

    use super::*;
    use crate::rules::RiskEngine;
    use crate::rules::fixtures::{NOW, account, btc, decision_for, limits, market, q};
    use crate::rules::inputs::ReduceProposal;

    fn event_for(proposal: &Proposal, mode: SysMode) -> (Assessment, AuditEvent) {
        let engine = RiskEngine::new(limits());
        let clock = FixedClock::new(NOW);
        let assessment = engine.assess(proposal, &account(), &market(), mode, &clock);
        let run = RunId::new("run-1").unwrap();
        let event = verdict_event(proposal, &assessment, Some(run)).unwrap();
        (assessment, event)
    }

    #[test]
    fn an_approved_entry_is_audited_with_every_correlation_id() {
        let proposal = Proposal::Entry(decision_for("2"));
        let (assessment, event) = event_for(&proposal, SysMode::Normal);
        assert_eq!(event.validate(), Ok(()));
        assert_eq!(event.event_type, AuditEventType::RiskVerdict);
        assert_eq!(event.source, ProcessRole::Risk);
        assert_eq!(event.ts_ms, NOW);
        let intent = assessment.intent.unwrap();
        assert_eq!(
            event.correlation.order_intent_id,
            Some(intent.order_intent_id)
        );
        assert_eq!(event.correlation.cycle_id, Some(decision_for("2").cycle_id));
        assert_eq!(
            event.correlation.snapshot_id,
            Some(decision_for("2").snapshot_id)
        );
        assert!(event.payload_json.contains("\"APPROVE\""));
    }

    #[test]
    fn a_blocked_exit_is_audited_with_its_reason_codes() {
        let proposal = Proposal::Exit(ReduceProposal {
            decision_id: DecisionId::new("exit-9").unwrap(),
            symbol: btc(),
            quantity: q("1"),
            reduce_only: true,
            limit_price: None,
            exit_plan: None,
        });
        let (_, event) = event_for(&proposal, SysMode::Pause);
        assert_eq!(event.validate(), Ok(()));
        assert_eq!(event.reason_codes, vec![ReasonCode::RiskNothingToReduce]);
        assert_eq!(
            event.correlation.decision_id,
            Some(DecisionId::new("exit-9").unwrap())
        );
        assert_eq!(event.correlation.order_intent_id, None);
        assert!(event.payload_json.contains("\"BLOCK\""));
    }
}
