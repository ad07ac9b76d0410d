use sha2::{Digest, Sha256};

pub const CLIENT_ORDER_ID_MAX_LEN: usize = 36;
const CLIENT_ORDER_ID_PREFIX: &str = "ls-";
const CLIENT_ORDER_ID_HASH_CHARS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderPurpose {
    Entry,
    Fallback,
    TakeProfit,
    StopLoss,
    Exit,
    Cancel,
}

impl OrderPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entry => "entry",
            Self::Fallback => "fallback",
            Self::TakeProfit => "take_profit",
            Self::StopLoss => "stop_loss",
            Self::Exit => "exit",
            Self::Cancel => "cancel",
        }
    }
}

pub fn derive_client_order_id(order_intent_id: &str, purpose: OrderPurpose) -> String {
    let mut hasher = Sha256::new();
    hasher.update(order_intent_id.as_bytes());
    hasher.update(b":");
    hasher.update(purpose.as_str().as_bytes());
    let digest = hex::encode(hasher.finalize());
    let hash_part = digest.get(..CLIENT_ORDER_ID_HASH_CHARS).unwrap_or(&digest);
    format!("{CLIENT_ORDER_ID_PREFIX}{hash_part}")
}

pub fn is_valid_client_order_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= CLIENT_ORDER_ID_MAX_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_intent_and_purpose_give_the_same_id_across_calls() {
        let a = derive_client_order_id("intent-0001", OrderPurpose::Entry);
        let b = derive_client_order_id("intent-0001", OrderPurpose::Entry);
        assert_eq!(a, b);
        assert_eq!(
            a,
            "ls-".to_owned() + &hex::encode(Sha256::digest(b"intent-0001:entry"))[..32]
        );
    }

    #[test]
    fn different_intents_or_purposes_give_different_ids() {
        let entry = derive_client_order_id("intent-0001", OrderPurpose::Entry);
        assert_ne!(
            entry,
            derive_client_order_id("intent-0002", OrderPurpose::Entry)
        );
        assert_ne!(
            entry,
            derive_client_order_id("intent-0001", OrderPurpose::StopLoss)
        );
    }

    #[test]
    fn derived_ids_fit_binance_pattern_even_for_long_unicode_intents() {
        let long = "ünïcode-".repeat(40);
        for purpose in [
            OrderPurpose::Entry,
            OrderPurpose::Exit,
            OrderPurpose::TakeProfit,
        ] {
            let id = derive_client_order_id(&long, purpose);
            assert!(is_valid_client_order_id(&id), "{id}");
            assert_eq!(id.len(), 35);
        }
        assert!(!is_valid_client_order_id("bad id"));
        assert!(!is_valid_client_order_id(&"a".repeat(37)));
    }
}
