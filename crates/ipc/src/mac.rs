use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::secret_key::{SECRET_KEY_BYTES, SecretKey};

pub const MAC_BYTES: usize = 32;
const HMAC_SHA256_BLOCK_BYTES: usize = 64;

type HmacSha256 = Hmac<Sha256>;

fn keyed(key: &SecretKey, parts: &[&[u8]]) -> HmacSha256 {
    let mut block = [0_u8; HMAC_SHA256_BLOCK_BYTES];
    if let Some(prefix) = block.get_mut(..SECRET_KEY_BYTES) {
        prefix.copy_from_slice(key.expose());
    }
    let mut mac = HmacSha256::new(&block.into());
    zeroize::Zeroize::zeroize(&mut block);
    for part in parts {
        mac.update(&u64::try_from(part.len()).unwrap_or(u64::MAX).to_le_bytes());
        mac.update(part);
    }
    mac
}

pub fn compute_mac(key: &SecretKey, parts: &[&[u8]]) -> [u8; MAC_BYTES] {
    keyed(key, parts).finalize().into_bytes().into()
}

pub fn verify_mac(key: &SecretKey, parts: &[&[u8]], candidate: &[u8]) -> bool {
    keyed(key, parts).verify_slice(candidate).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_block_key_equals_standard_hmac_of_short_key() {
        let key = SecretKey::from_bytes([7; SECRET_KEY_BYTES]);
        let ours = keyed(&key, &[]).finalize().into_bytes();
        let reference = HmacSha256::new_from_slice(&[7; SECRET_KEY_BYTES])
            .unwrap()
            .finalize()
            .into_bytes();
        assert_eq!(ours, reference);
    }

    #[test]
    fn verify_accepts_own_mac_and_refuses_other_parts() {
        let key = SecretKey::from_bytes([9; SECRET_KEY_BYTES]);
        let mac = compute_mac(&key, &[b"ab", b"c"]);
        assert!(verify_mac(&key, &[b"ab", b"c"], &mac));
        assert!(!verify_mac(&key, &[b"a", b"bc"], &mac));
        let other = SecretKey::from_bytes([8; SECRET_KEY_BYTES]);
        assert!(!verify_mac(&other, &[b"ab", b"c"], &mac));
    }
}
