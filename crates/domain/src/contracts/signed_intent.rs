use serde::{Deserialize, Serialize};

use crate::hashing::is_sha256_hex;
use crate::violation::require;
use crate::{ContractViolation, OrderIntent, ReasonCode, Validate};

pub const SIGNED_INTENT_MAX_NONCE_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIntent {
    pub intent: OrderIntent,
    pub nonce: String,
    pub expires_at_ms: i64,
    pub mac: String,
}

fn nonce_is_well_formed(nonce: &str) -> bool {
    !nonce.is_empty()
        && nonce.len() <= SIGNED_INTENT_MAX_NONCE_CHARS
        && nonce
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Validate for SignedIntent {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.intent.validate().map_err(|v| v.within("intent"))?;
        require(
            nonce_is_well_formed(&self.nonce),
            ReasonCode::ContractNonceInvalid,
            "nonce",
            || format!("nonce is not 1..={SIGNED_INTENT_MAX_NONCE_CHARS} chars of [A-Za-z0-9_-]"),
        )?;
        require(
            self.expires_at_ms > self.intent.created_ts_ms,
            ReasonCode::ContractExpiryNotAfterCreation,
            "expires_at_ms",
            || {
                format!(
                    "{} is not after {}",
                    self.expires_at_ms, self.intent.created_ts_ms
                )
            },
        )?;
        require(
            is_sha256_hex(&self.mac),
            ReasonCode::ContractMacInvalid,
            "mac",
            || "mac is not 64 lowercase hex characters".to_owned(),
        )
    }
}
