use livespot_domain::{ContractViolation, ReasonCode};

#[derive(Debug, thiserror::Error)]
pub enum StrategyError {
    #[error("contract violation: {0}")]
    Contract(ContractViolation),
    #[error("audit event not recorded: {detail}")]
    Audit { detail: String },
    #[error("AI gate setup failed: {detail}")]
    GateSetup { detail: String },
}

impl StrategyError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Contract(violation) => violation.reason,
            Self::Audit { .. } => ReasonCode::AuditSinkUnavailable,
            Self::GateSetup { .. } => ReasonCode::AiNetworkError,
        }
    }
}
