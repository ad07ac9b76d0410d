use livespot_domain::{Clock, ReasonCode, SignedIntent, SysMode};
use livespot_ipc::{IntentVerifier, NonceStore};
use thiserror::Error;

use crate::HardCaps;

#[derive(Debug, Error)]
pub enum IntakeError {
    #[error("INTAKE_NONCE_STORE_OPEN_FAILED: {0}")]
    NonceStore(String),
    #[error("INTAKE_LISTEN_FAILED: {0}")]
    Listen(String),
    #[error("INTAKE_INTENT_KEY_MISSING: the executor was started without the intent key")]
    IntentKeyMissing,
    #[error("INTAKE_FIXTURE_INVALID: {0}")]
    Fixture(livespot_domain::ContractViolation),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeDecision {
    Refused { reason: ReasonCode, detail: String },
    Accepted,
}

#[derive(Debug)]
pub struct Intake<C, N> {
    verifier: IntentVerifier<C, N>,
    caps: HardCaps,
    open_orders: u32,
}

impl<C: Clock, N: NonceStore> Intake<C, N> {
    pub fn new(verifier: IntentVerifier<C, N>, caps: HardCaps) -> Self {
        Self {
            verifier,
            caps,
            open_orders: 0,
        }
    }

    pub fn set_open_orders(&mut self, open_orders: u32) {
        self.open_orders = open_orders;
    }

    pub fn decide(&mut self, signed: &SignedIntent, mode: SysMode) -> IntakeDecision {
        if let Err(refusal) = self.verifier.verify(signed) {
            return IntakeDecision::Refused {
                reason: refusal.reason_code(),
                detail: refusal.to_string(),
            };
        }
        if let Err(refusal) = self.caps.check(&signed.intent, self.open_orders, mode) {
            return IntakeDecision::Refused {
                reason: refusal.reason,
                detail: refusal.detail,
            };
        }
        IntakeDecision::Accepted
    }
}

#[cfg(test)]
#[path = "intake_tests.rs"]
mod tests;
