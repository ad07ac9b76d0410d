use livespot_domain::{OrderIntent, SignedIntent};
use rand::RngCore;

use crate::error::IpcError;
use crate::frame::encode_body;
use crate::mac::{compute_mac, verify_mac};
use crate::secret_key::SecretKey;

pub const INTENT_NONCE_BYTES: usize = 16;
const INTENT_MAC_LABEL: &[u8] = b"LIVESPOT_SIGNED_INTENT_V1";

pub fn fresh_intent_nonce() -> String {
    let mut bytes = [0_u8; INTENT_NONCE_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn intent_signing_bytes(
    intent: &OrderIntent,
    nonce: &str,
    expires_at_ms: i64,
) -> Result<Vec<u8>, IpcError> {
    encode_body(&(intent, nonce, expires_at_ms))
}

pub fn sign_intent(
    intent: OrderIntent,
    key: &SecretKey,
    nonce: String,
    expires_at_ms: i64,
) -> Result<SignedIntent, IpcError> {
    let bytes = intent_signing_bytes(&intent, &nonce, expires_at_ms)?;
    let mac = hex::encode(compute_mac(key, &[INTENT_MAC_LABEL, &bytes]));
    Ok(SignedIntent {
        intent,
        nonce,
        expires_at_ms,
        mac,
    })
}

pub fn signature_is_valid(signed: &SignedIntent, key: &SecretKey) -> bool {
    let Ok(candidate) = hex::decode(&signed.mac) else {
        return false;
    };
    let Ok(bytes) = intent_signing_bytes(&signed.intent, &signed.nonce, signed.expires_at_ms)
    else {
        return false;
    };
    verify_mac(key, &[INTENT_MAC_LABEL, &bytes], &candidate)
}
