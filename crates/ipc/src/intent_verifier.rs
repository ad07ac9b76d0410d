use livespot_domain::{Clock, SignedIntent, Validate};

use crate::intent_refusal::IntentRefusal;
use crate::intent_signing::signature_is_valid;
use crate::nonce_store::NonceStore;
use crate::secret_key::SecretKey;

pub const DEFAULT_MAX_INTENT_TTL_MS: i64 = 60_000;

#[derive(Debug)]
pub struct IntentVerifier<C, N> {
    key: SecretKey,
    clock: C,
    nonces: N,
    max_ttl_ms: i64,
}

impl<C: Clock, N: NonceStore> IntentVerifier<C, N> {
    pub fn new(key: SecretKey, clock: C, nonces: N) -> Self {
        Self {
            key,
            clock,
            nonces,
            max_ttl_ms: DEFAULT_MAX_INTENT_TTL_MS,
        }
    }

    #[must_use]
    pub fn with_max_ttl_ms(mut self, max_ttl_ms: i64) -> Self {
        self.max_ttl_ms = max_ttl_ms;
        self
    }

    pub fn nonces(&self) -> &N {
        &self.nonces
    }

    pub fn verify(&mut self, signed: &SignedIntent) -> Result<(), IntentRefusal> {
        if !signature_is_valid(signed, &self.key) {
            return Err(IntentRefusal::BadSignature);
        }
        let now_ms = self.clock.now_ms();
        self.check_expiry(signed.expires_at_ms, now_ms)?;
        check_contract(signed)?;
        let fresh = self
            .nonces
            .remember(&signed.nonce, signed.expires_at_ms, now_ms)
            .map_err(|error| IntentRefusal::NonceStoreFailed(error.to_string()))?;
        if fresh {
            Ok(())
        } else {
            Err(IntentRefusal::NonceReplay(signed.nonce.clone()))
        }
    }

    fn check_expiry(&self, expires_at_ms: i64, now_ms: i64) -> Result<(), IntentRefusal> {
        if expires_at_ms <= now_ms {
            return Err(IntentRefusal::Expired {
                expires_at_ms,
                now_ms,
            });
        }
        if expires_at_ms.saturating_sub(now_ms) > self.max_ttl_ms {
            return Err(IntentRefusal::ExpiryTooFar {
                expires_at_ms,
                now_ms,
                max_ttl_ms: self.max_ttl_ms,
            });
        }
        Ok(())
    }
}

fn check_contract(signed: &SignedIntent) -> Result<(), IntentRefusal> {
    signed.validate().map_err(IntentRefusal::ContractInvalid)
}
