use livespot_domain::{ClientOrderId, ContractViolation, OrderIntentId};
use sha2::{Digest, Sha256};

const CLIENT_ORDER_ID_PREFIX: &str = "ls-";
const CLIENT_ORDER_ID_HASH_CHARS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderPurpose {
    Entry,
    Fallback,
    TakeProfit,
    StopLoss,
    ProtectionList,
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
            Self::ProtectionList => "protection_list",
            Self::Exit => "exit",
            Self::Cancel => "cancel",
        }
    }
}

pub fn client_order_id_text(order_intent_id: &str, purpose: OrderPurpose) -> String {
    let mut hasher = Sha256::new();
    hasher.update(order_intent_id.as_bytes());
    hasher.update(b":");
    hasher.update(purpose.as_str().as_bytes());
    let digest = hex::encode(hasher.finalize());
    let hash_part = digest.get(..CLIENT_ORDER_ID_HASH_CHARS).unwrap_or(&digest);
    format!("{CLIENT_ORDER_ID_PREFIX}{hash_part}")
}

pub fn derive_client_order_id(
    order_intent_id: &OrderIntentId,
    purpose: OrderPurpose,
) -> Result<ClientOrderId, ContractViolation> {
    ClientOrderId::new(client_order_id_text(order_intent_id.as_str(), purpose))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(text: &str) -> OrderIntentId {
        OrderIntentId::new(text).unwrap()
    }

    #[test]
    fn same_intent_and_purpose_give_the_same_id_across_calls() {
        let a = derive_client_order_id(&intent("intent-0001"), OrderPurpose::Entry).unwrap();
        let b = derive_client_order_id(&intent("intent-0001"), OrderPurpose::Entry).unwrap();
        assert_eq!(a, b);
        let expected = hex::encode(Sha256::digest(b"intent-0001:entry"));
        assert_eq!(a.as_str(), format!("ls-{}", &expected[..32]));
    }

    #[test]
    fn different_intents_or_purposes_give_different_ids() {
        let entry = derive_client_order_id(&intent("intent-0001"), OrderPurpose::Entry).unwrap();
        let other = derive_client_order_id(&intent("intent-0002"), OrderPurpose::Entry).unwrap();
        let stop = derive_client_order_id(&intent("intent-0001"), OrderPurpose::StopLoss).unwrap();
        assert_ne!(entry, other);
        assert_ne!(entry, stop);
    }

    #[test]
    fn derived_ids_fit_binance_pattern_for_any_intent_text() {
        let long = "ünïcode-".repeat(40);
        for purpose in [
            OrderPurpose::Entry,
            OrderPurpose::Exit,
            OrderPurpose::ProtectionList,
        ] {
            let text = client_order_id_text(&long, purpose);
            assert_eq!(text.len(), 35);
            assert!(ClientOrderId::new(text).is_ok());
        }
    }
}
