use livespot_domain::ReasonCode;

#[derive(Debug, thiserror::Error)]
pub enum StrategyError {
    #[error("contract violation: {detail}")]
    Contract { detail: String },
    #[error("audit event not recorded: {detail}")]
    Audit { detail: String },
    #[error("AI gate setup failed: {detail}")]
    GateSetup { detail: String },
}

impl StrategyError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Contract { .. } => ReasonCode::IpcContractViolation,
            Self::Audit { .. } => ReasonCode::AuditSinkUnavailable,
            Self::GateSetup { .. } => ReasonCode::AiNetworkError,
        }
    }
}
