use livespot_aigate::{GateOutcome, GateVerdict};
use livespot_domain::{AuditEventType, Decision, ReasonCode, SysMode};
use livespot_pipeline::StrategyParams;
use livespot_runtime::ChildLink;
use serde_json::json;

use crate::audit_out::{Auditor, Ids};
use crate::cycle::SymbolOutcome;
use crate::forward::{Forwarded, Proposal, ProposalKind, RiskForwarder};
use crate::gate::{GateRunner, gate_context};

#[derive(Debug)]
pub struct EntryPath<'a> {
    pub auditor: &'a Auditor,
    pub link: &'a ChildLink,
    pub forwarder: &'a RiskForwarder,
    pub params: &'a StrategyParams,
}

impl EntryPath<'_> {
    fn held(&self, ids: &Ids, outcome: &SymbolOutcome, stage: &str, reasons: &[ReasonCode]) {
        let detail = json!({ "reason_codes": reasons }).to_string();
        self.auditor
            .stage(ids, stage, Some(&outcome.symbol), &detail);
    }

    async fn gated(
        &self,
        gate: &mut GateRunner,
        ids: &Ids,
        outcome: &SymbolOutcome,
        decision: &Decision,
    ) -> GateOutcome {
        let context = gate_context(&outcome.assessment, self.params);
        let gated = gate
            .evaluate(decision, &outcome.snapshot_hash, &context, self.link)
            .await;
        match gated.record.to_audit_event(self.auditor.correlation(ids)) {
            Ok(event) => self.auditor.record(event),
            Err(violation) => {
                tracing::warn!(reason = violation.reason.as_str(), %violation, "AI gate record not audited");
            }
        }
        gated
    }

    pub async fn run(
        &self,
        gate: Option<&mut GateRunner>,
        ids: &Ids,
        outcome: &SymbolOutcome,
    ) -> bool {
        let Some(decision) = &outcome.assessment.decision else {
            return false;
        };
        if self.link.mode() != SysMode::Normal {
            if let Some(gate) = gate.filter(|gate| gate.holds_condition()) {
                self.gated(gate, ids, outcome, decision).await;
            }
            let reasons = [ReasonCode::RiskSysModeNotNormal];
            self.held(ids, outcome, "ENTRY_HELD_SYS_MODE", &reasons);
            return false;
        }
        if !self.forwarder.is_connected() {
            let reasons = [ReasonCode::IpcConnectFailed];
            self.held(ids, outcome, "PROPOSAL_HELD_RISK_NOT_CONNECTED", &reasons);
            return false;
        }
        let Some(gate) = gate else {
            self.held(
                ids,
                outcome,
                "AI_GATE_UNAVAILABLE",
                &[ReasonCode::AiBlocked],
            );
            return false;
        };
        let gated = self.gated(gate, ids, outcome, decision).await;
        match gated.verdict {
            GateVerdict::Pass { decision, modified } => {
                self.propose(ids, outcome, *decision, modified, gated.result) == Forwarded::Queued
            }
            GateVerdict::Blocked { reasons } => {
                self.held(ids, outcome, "AI_GATE_BLOCKED", &reasons);
                false
            }
        }
    }

    fn propose(
        &self,
        ids: &Ids,
        outcome: &SymbolOutcome,
        decision: Decision,
        modified: bool,
        result: livespot_domain::AiGateResult,
    ) -> Forwarded {
        let decision_hash = match (modified, &outcome.assessment.decision_hash) {
            (false, Some(hash)) => hash.clone(),
            _ => decision.decision_hash().unwrap_or_default(),
        };
        let proposal = Proposal {
            kind: ProposalKind::Entry,
            decision,
            decision_hash,
            ai_gate: Some(result),
            modify_applied: modified,
        };
        let forwarded = self
            .forwarder
            .forward(self.auditor.correlation(ids), &proposal);
        let payload = json!({
            "stage": forwarded.stage(),
            "symbol": outcome.symbol,
            "proposal": proposal,
        });
        self.auditor
            .emit(AuditEventType::StageChanged, ids, Vec::new(), &payload);
        forwarded
    }
}
