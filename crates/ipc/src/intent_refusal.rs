use livespot_domain::{ContractViolation, ReasonCode};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IntentRefusal {
    #[error("INTENT_BAD_SIGNATURE: MAC does not match the intent")]
    BadSignature,
    #[error("INTENT_EXPIRED: expired at {expires_at_ms}, now {now_ms}")]
    Expired { expires_at_ms: i64, now_ms: i64 },
    #[error(
        "INTENT_EXPIRY_TOO_FAR: expires at {expires_at_ms}, more than {max_ttl_ms} ms after {now_ms}"
    )]
    ExpiryTooFar {
        expires_at_ms: i64,
        now_ms: i64,
        max_ttl_ms: i64,
    },
    #[error("INTENT_NONCE_REPLAY: nonce {0} was already used")]
    NonceReplay(String),
    #[error("INTENT_CONTRACT_INVALID: {0}")]
    ContractInvalid(ContractViolation),
    #[error("INTENT_NONCE_STORE_FAILED: {0}")]
    NonceStoreFailed(String),
}

impl IntentRefusal {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::BadSignature => ReasonCode::IntentBadSignature,
            Self::Expired { .. } | Self::ExpiryTooFar { .. } => ReasonCode::IntentExpired,
            Self::NonceReplay(_) => ReasonCode::IntentNonceReplay,
            Self::ContractInvalid(_) => ReasonCode::IntentContractInvalid,
            Self::NonceStoreFailed(_) => ReasonCode::IntentNonceStoreFailed,
        }
    }
}
