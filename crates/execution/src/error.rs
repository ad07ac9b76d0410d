use livespot_binance::BinanceError;
use livespot_domain::{ContractViolation, ReasonCode, TransitionRejected};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LedgerError {
    #[error("LEDGER_OPEN_FAILED: {path}: {detail}")]
    Open { path: String, detail: String },
    #[error("LEDGER_MIGRATION_FAILED: {0}")]
    Migration(String),
    #[error("LEDGER_WRITE_FAILED: {0}")]
    Write(String),
    #[error("LEDGER_READ_FAILED: {0}")]
    Read(String),
    #[error("LEDGER_ROW_INVALID: {0}")]
    RowInvalid(String),
    #[error("LEDGER_INTENT_UNKNOWN: {0}")]
    IntentUnknown(String),
    #[error("LEDGER_INTENT_DUPLICATE: {0}")]
    IntentDuplicate(String),
    #[error("LEDGER_TRANSITION_REJECTED: {0}")]
    Transition(TransitionRejected),
}

impl LedgerError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Transition(rejected) => rejected.reason,
            _ => ReasonCode::ExecutionLedgerFailed,
        }
    }
}

impl From<rusqlite::Error> for LedgerError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Write(error.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExecutionError {
    #[error("EXECUTION_LEDGER: {0}")]
    Ledger(#[from] LedgerError),
    #[error("EXECUTION_FILTER_REFUSED: {reason}: {detail}")]
    Filter { reason: ReasonCode, detail: String },
    #[error("EXECUTION_SYMBOL_RULES_MISSING: {0}")]
    SymbolRulesMissing(String),
    #[error("EXECUTION_VENUE_FAILED: {0}")]
    Venue(BinanceError),
    #[error("EXECUTION_CLIENT_ORDER_ID_INVALID: {0}")]
    ClientOrderId(ContractViolation),
    #[error("EXECUTION_INTENT_NOT_SENDABLE: {order_intent_id} is {state}")]
    NotSendable {
        order_intent_id: String,
        state: String,
    },
    #[error("EXECUTION_CHURN_LIMIT: {0}")]
    ChurnLimit(String),
    #[error("EXECUTION_PLAN_MISSING: {0}")]
    PlanMissing(String),
    #[error("EXECUTION_INTENT_KIND_NOT_EXECUTED: {0}")]
    IntentKindNotExecuted(String),
}

impl ExecutionError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Ledger(error) => error.reason_code(),
            Self::Filter { reason, .. } => *reason,
            Self::SymbolRulesMissing(_) => ReasonCode::FilterMissingReferencePrice,
            Self::Venue(error) => error.reason_code(),
            Self::ClientOrderId(violation) => violation.reason,
            Self::NotSendable { .. } => ReasonCode::IntentTransitionForbidden,
            Self::ChurnLimit(_) => ReasonCode::ExecutionChurnLimit,
            Self::PlanMissing(_) => ReasonCode::ContractPlanMissing,
            Self::IntentKindNotExecuted(_) => ReasonCode::ContractPlanUnexpected,
        }
    }
}

impl From<BinanceError> for ExecutionError {
    fn from(error: BinanceError) -> Self {
        Self::Venue(error)
    }
}

impl From<TransitionRejected> for ExecutionError {
    fn from(rejected: TransitionRejected) -> Self {
        Self::Ledger(LedgerError::Transition(rejected))
    }
}
