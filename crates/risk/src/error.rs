use livespot_domain::ContractViolation;
use thiserror::Error;

#[derive(Debug, Clone, Error)]
pub enum RiskProcessError {
    #[error("RISK_INTENT_KEY_MISSING: risk was started without the intent key")]
    IntentKeyMissing,
    #[error("RISK_LISTEN_FAILED: {0}")]
    Listen(String),
    #[error("RISK_SIGN_FAILED: {0}")]
    Sign(String),
    #[error("RISK_AUDIT_EVENT_FAILED: {0}")]
    AuditEvent(ContractViolation),
}

impl RiskProcessError {
    pub fn reason_code(&self) -> &'static str {
        match self {
            Self::IntentKeyMissing => "RISK_INTENT_KEY_MISSING",
            Self::Listen(_) => "RISK_LISTEN_FAILED",
            Self::Sign(_) => "RISK_SIGN_FAILED",
            Self::AuditEvent(violation) => violation.reason.as_str(),
        }
    }
}

impl From<ContractViolation> for RiskProcessError {
    fn from(violation: ContractViolation) -> Self {
        Self::AuditEvent(violation)
    }
}
