use livespot_domain::{
    AuditEvent, ContractViolation, OrderIntentId, ProcessRole, ReasonCode, SignedIntent, SysMode,
    Validate, require,
};
use livespot_domain::{ClientOrderId, IntentState};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShutdownStage {
    StopEntries,
    FinishInFlight,
    FlushAudit,
    Exit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntentUpdate {
    pub order_intent_id: OrderIntentId,
    pub state: IntentState,
    pub client_order_id: Option<ClientOrderId>,
    pub reasons: Vec<ReasonCode>,
    pub detail: String,
    pub ts_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Payload {
    Heartbeat {
        pid: u32,
        uptime_ms: u64,
    },
    ConditionRaised {
        reason: ReasonCode,
        detail: String,
    },
    ConditionCleared {
        reason: ReasonCode,
    },
    CycleClean,
    ModeChanged {
        mode: SysMode,
        reasons: Vec<ReasonCode>,
        since_ms: i64,
    },
    Shutdown {
        stage: ShutdownStage,
    },
    AuditEvent {
        seq: u64,
        event: AuditEvent,
    },
    AuditAck {
        sender: ProcessRole,
        seq: u64,
    },
    SignedIntent(SignedIntent),
    IntentRefused {
        order_intent_id: OrderIntentId,
        reasons: Vec<ReasonCode>,
        detail: String,
    },
    IntentUpdate {
        seq: u64,
        update: IntentUpdate,
    },
    IntentUpdateAck {
        sender: ProcessRole,
        seq: u64,
    },
    Proposal {
        payload_json: String,
    },
    MarketSnapshot {
        payload_json: String,
    },
    AccountState {
        payload_json: String,
    },
}

impl Payload {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Heartbeat { .. } => "HEARTBEAT",
            Self::ConditionRaised { .. } => "CONDITION_RAISED",
            Self::ConditionCleared { .. } => "CONDITION_CLEARED",
            Self::CycleClean => "CYCLE_CLEAN",
            Self::ModeChanged { .. } => "MODE_CHANGED",
            Self::Shutdown { .. } => "SHUTDOWN",
            Self::AuditEvent { .. } => "AUDIT_EVENT",
            Self::AuditAck { .. } => "AUDIT_ACK",
            Self::SignedIntent(_) => "SIGNED_INTENT",
            Self::IntentRefused { .. } => "INTENT_REFUSED",
            Self::IntentUpdate { .. } => "INTENT_UPDATE",
            Self::IntentUpdateAck { .. } => "INTENT_UPDATE_ACK",
            Self::Proposal { .. } => "PROPOSAL",
            Self::MarketSnapshot { .. } => "MARKET_SNAPSHOT",
            Self::AccountState { .. } => "ACCOUNT_STATE",
        }
    }
}

impl Validate for Payload {
    fn validate(&self) -> Result<(), ContractViolation> {
        match self {
            Self::AuditEvent { event, .. } => event.validate(),
            Self::SignedIntent(signed) => signed.validate(),
            Self::ModeChanged { mode, reasons, .. } if *mode != SysMode::Normal => {
                require_reasons(reasons, "reasons")
            }
            Self::IntentRefused { reasons, .. } => require_reasons(reasons, "reasons"),
            Self::IntentUpdate { update, .. } => {
                require_text_limit(&update.detail, "update.detail")
            }
            Self::ConditionRaised { detail, .. } => require_text_limit(detail, "detail"),
            Self::Proposal { payload_json }
            | Self::MarketSnapshot { payload_json }
            | Self::AccountState { payload_json } => require_json(payload_json),
            Self::Heartbeat { .. }
            | Self::ModeChanged { .. }
            | Self::ConditionCleared { .. }
            | Self::CycleClean
            | Self::Shutdown { .. }
            | Self::AuditAck { .. }
            | Self::IntentUpdateAck { .. } => Ok(()),
        }
    }
}

pub const MAX_DETAIL_CHARS: usize = 4096;

fn require_reasons(reasons: &[ReasonCode], field: &str) -> Result<(), ContractViolation> {
    require(
        !reasons.is_empty(),
        ReasonCode::ContractReasonMissing,
        field,
        || "at least one reason code is required".to_owned(),
    )
}

fn require_text_limit(text: &str, field: &str) -> Result<(), ContractViolation> {
    require(
        text.chars().count() <= MAX_DETAIL_CHARS,
        ReasonCode::IpcContractViolation,
        field,
        || format!("longer than {MAX_DETAIL_CHARS} chars"),
    )
}

fn require_json(text: &str) -> Result<(), ContractViolation> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|error| {
            ContractViolation::new(
                ReasonCode::ContractPayloadNotJson,
                "payload_json",
                error.to_string(),
            )
        })
}
