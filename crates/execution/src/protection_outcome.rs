use livespot_domain::ReasonCode;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ProtectionOutcome {
    Installed {
        attempts: u32,
        client_order_ids: Vec<String>,
    },
    SafeClosed {
        attempts: u32,
        close_client_order_id: String,
    },
    PauseNeedsManualProtection {
        attempts: u32,
        detail: String,
    },
    NothingToProtect,
    DustBelowMinimum {
        quantity: rust_decimal::Decimal,
        reason: ReasonCode,
    },
}

impl ProtectionOutcome {
    pub fn reason_codes(&self) -> Vec<ReasonCode> {
        match self {
            Self::Installed { .. } | Self::NothingToProtect => Vec::new(),
            Self::DustBelowMinimum { reason, .. } => vec![*reason],
            Self::SafeClosed { .. } => vec![
                ReasonCode::ProtectionInstallFailed,
                ReasonCode::ExecutionSafeCloseDone,
            ],
            Self::PauseNeedsManualProtection { .. } => vec![
                ReasonCode::ProtectionInstallFailed,
                ReasonCode::PauseNeedsManualProtection,
                ReasonCode::AlertRaised,
            ],
        }
    }
}
