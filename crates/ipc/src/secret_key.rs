use std::fmt;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::IpcError;

pub const SECRET_KEY_BYTES: usize = 32;

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(transparent)]
pub struct SecretKey([u8; SECRET_KEY_BYTES]);

impl SecretKey {
    pub fn from_bytes(bytes: [u8; SECRET_KEY_BYTES]) -> Self {
        Self(bytes)
    }

    pub fn generate() -> Self {
        let mut bytes = [0_u8; SECRET_KEY_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_hex(text: &str) -> Result<Self, IpcError> {
        let mut bytes = [0_u8; SECRET_KEY_BYTES];
        hex::decode_to_slice(text.trim(), &mut bytes).map_err(|error| {
            IpcError::KeyMalformed(format!("expected {SECRET_KEY_BYTES} hex bytes: {error}"))
        })?;
        Ok(Self(bytes))
    }

    pub fn expose_hex(&self) -> String {
        hex::encode(self.0)
    }

    pub(crate) fn expose(&self) -> &[u8; SECRET_KEY_BYTES] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("SecretKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_key_bytes() {
        let key = SecretKey::from_bytes([0xAB; SECRET_KEY_BYTES]);
        let shown = format!("{key:?}");
        assert_eq!(shown, "SecretKey(<redacted>)");
        assert!(!shown.contains("171"));
    }

    #[test]
    fn hex_round_trips_and_wrong_lengths_are_refused() {
        let key = SecretKey::generate();
        assert_eq!(SecretKey::from_hex(&key.expose_hex()).unwrap(), key);
        let short = SecretKey::from_hex("abcd").unwrap_err();
        assert_eq!(
            short.reason_code(),
            livespot_domain::ReasonCode::IpcKeyMissing
        );
        assert!(SecretKey::from_hex(&"zz".repeat(SECRET_KEY_BYTES)).is_err());
    }

    #[test]
    fn generated_keys_differ() {
        assert_ne!(SecretKey::generate(), SecretKey::generate());
    }
}
