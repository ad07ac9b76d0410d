use serde::{Deserialize, Serialize};

use livespot_domain::{
    AiModification, AiVerdict, AuditEvent, AuditEventType, ContractViolation, CorrelationIds,
    DecisionId, ProcessRole, ReasonCode,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiGateRecord {
    pub decision_id: DecisionId,
    pub ai_dec: u8,
    pub called: bool,
    pub verdict: AiVerdict,
    pub reason_codes: Vec<ReasonCode>,
    pub model: String,
    pub prompt_version: String,
    pub prompt_hash: String,
    pub latency_ms: u64,
    pub input_hash: String,
    pub snapshot_hash: String,
    pub raw_hash: Option<String>,
    pub total_tokens: u64,
    pub proposed_modification: Option<AiModification>,
    pub modify_applied: bool,
    pub error_code: Option<ReasonCode>,
    pub details: Option<String>,
    pub raw_prompt: Option<String>,
    pub ts_ms: i64,
}

impl AiGateRecord {
    pub fn audit_reasons(&self) -> Vec<ReasonCode> {
        let mut reasons = self.reason_codes.clone();
        if let Some(code) = self.error_code
            && !reasons.contains(&code)
        {
            reasons.push(code);
        }
        reasons
    }

    pub fn to_audit_event(
        &self,
        correlation: CorrelationIds,
    ) -> Result<AuditEvent, ContractViolation> {
        let correlation = CorrelationIds {
            decision_id: Some(self.decision_id.clone()),
            ..correlation
        };
        AuditEvent::new(
            AuditEventType::AigateCall,
            self.ts_ms,
            ProcessRole::Strategy,
            correlation,
        )
        .with_reasons(self.audit_reasons())
        .with_payload(self)
    }
}
