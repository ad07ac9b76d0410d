use livespot_domain::{ContractViolation, ReasonCode};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    #[error("AI_TIMEOUT: no answer within {timeout_ms} ms")]
    Timeout { timeout_ms: u64 },
    #[error("AI_NETWORK_ERROR: {detail}")]
    Network { detail: String },
    #[error("AI_HTTP_ERROR: status {status}: {detail}")]
    Http { status: u16, detail: String },
    #[error("AI_EMPTY_ANSWER: {detail}")]
    EmptyAnswer { detail: String },
    #[error("AI_PARSE_FAILURE: {detail}")]
    Parse { detail: String },
    #[error("AI_INVALID_SCHEMA: {detail}")]
    Schema { detail: String },
    #[error("AI_UNKNOWN_REASON_CODE: {code:?}")]
    UnknownReasonCode { code: String },
    #[error("AI_MODIFY_RISK_INCREASE at {field}: {detail}")]
    ModifyRiskIncrease { field: String, detail: String },
    #[error("AI_MODIFY_INVALID at {field}: {detail}")]
    ModifyInvalid { field: String, detail: String },
    #[error("AI_BUDGET_EXHAUSTED: {detail}")]
    BudgetExhausted { detail: String },
    #[error(
        "CONTRACT_HASH_INVALID: the decision was made on snapshot {decision_snapshot}, not {given}"
    )]
    SnapshotMismatch {
        decision_snapshot: String,
        given: String,
    },
}

impl GateError {
    pub const fn reason(&self) -> ReasonCode {
        match self {
            GateError::Timeout { .. } => ReasonCode::AiTimeout,
            GateError::Network { .. } => ReasonCode::AiNetworkError,
            GateError::Http { .. } => ReasonCode::AiHttpError,
            GateError::EmptyAnswer { .. } => ReasonCode::AiEmptyAnswer,
            GateError::Parse { .. } => ReasonCode::AiParseFailure,
            GateError::Schema { .. } => ReasonCode::AiInvalidSchema,
            GateError::UnknownReasonCode { .. } => ReasonCode::AiUnknownReasonCode,
            GateError::ModifyRiskIncrease { .. } => ReasonCode::AiModifyRiskIncrease,
            GateError::ModifyInvalid { .. } => ReasonCode::AiModifyInvalid,
            GateError::BudgetExhausted { .. } => ReasonCode::AiBudgetExhausted,
            GateError::SnapshotMismatch { .. } => ReasonCode::ContractHashInvalid,
        }
    }

    pub const fn is_ai_failure(&self) -> bool {
        !matches!(self, GateError::SnapshotMismatch { .. })
    }

    pub fn from_modification(violation: ContractViolation) -> Self {
        if violation.reason == ReasonCode::AiModifyRiskIncrease {
            GateError::ModifyRiskIncrease {
                field: violation.field,
                detail: violation.detail,
            }
        } else {
            GateError::ModifyInvalid {
                field: violation.field,
                detail: format!("{}: {}", violation.reason, violation.detail),
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("CONFIG_UNREADABLE: prompt file {path}: {detail}")]
    PromptUnreadable { path: String, detail: String },
    #[error("CONFIG_PARSE: prompt schema is not JSON: {detail}")]
    SchemaNotJson { detail: String },
    #[error("CONFIG_PARSE: prompt schema lists reason code {code:?} that livespot does not know")]
    SchemaReasonUnknown { code: String },
    #[error("CONFIG_PARSE: prompt template uses unknown placeholder {name:?}")]
    PlaceholderUnknown { name: String },
    #[error("CONFIG_OUT_OF_RANGE: ai_gate.ai_dec {value} is not 0, 1 or 2")]
    AiDecOutOfRange { value: u8 },
    #[error("AI_NETWORK_ERROR: http client could not be built: {detail}")]
    HttpClient { detail: String },
}

impl SetupError {
    pub const fn reason(&self) -> ReasonCode {
        match self {
            SetupError::PromptUnreadable { .. } => ReasonCode::ConfigUnreadable,
            SetupError::SchemaNotJson { .. }
            | SetupError::SchemaReasonUnknown { .. }
            | SetupError::PlaceholderUnknown { .. } => ReasonCode::ConfigParse,
            SetupError::AiDecOutOfRange { .. } => ReasonCode::ConfigOutOfRange,
            SetupError::HttpClient { .. } => ReasonCode::AiNetworkError,
        }
    }
}
