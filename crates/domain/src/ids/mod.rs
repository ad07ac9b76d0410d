pub(crate) mod checked;
mod client_order_id;
mod cycle_id;
mod decision_id;
mod order_intent_id;
mod run_id;
mod snapshot_id;

pub use client_order_id::ClientOrderId;
pub use cycle_id::CycleId;
pub use decision_id::DecisionId;
pub use order_intent_id::OrderIntentId;
pub use run_id::RunId;
pub use snapshot_id::SnapshotId;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContractViolation, ReasonCode};

    fn reason_of<T: core::fmt::Debug>(result: Result<T, ContractViolation>) -> ReasonCode {
        result.unwrap_err().reason
    }

    macro_rules! id_rules {
        ($test:ident, $name:ident) => {
            #[test]
            fn $test() {
                let max = $name::MAX_LEN;
                let good = $name::new("run-2026_11_24-A1").unwrap();
                assert_eq!(good.as_str(), "run-2026_11_24-A1");
                assert_eq!(good.to_string(), "run-2026_11_24-A1");
                assert!($name::new("a".repeat(max)).is_ok());
                assert_eq!(reason_of($name::new("")), ReasonCode::IdEmpty);
                assert_eq!(
                    reason_of($name::new("a".repeat(max + 1))),
                    ReasonCode::IdTooLong
                );
                for bad in [
                    "has space",
                    "dot.ted",
                    "slash/",
                    "ünï",
                    "semi;colon",
                    "nl\n",
                ] {
                    assert_eq!(
                        reason_of($name::parse(bad)),
                        ReasonCode::IdInvalidChar,
                        "{bad}"
                    );
                    let json = serde_json::to_string(bad).unwrap();
                    assert!(serde_json::from_str::<$name>(&json).is_err(), "{bad}");
                }
                assert!(serde_json::from_str::<$name>("\"\"").is_err());
                assert!(serde_json::from_str::<$name>("12").is_err());
                let json = serde_json::to_string(&good).unwrap();
                assert_eq!(json, "\"run-2026_11_24-A1\"");
                assert_eq!(serde_json::from_str::<$name>(&json).unwrap(), good);
                let config = bincode::config::standard();
                let bytes = bincode::serde::encode_to_vec(&good, config).unwrap();
                let (back, _): ($name, usize) =
                    bincode::serde::decode_from_slice(&bytes, config).unwrap();
                assert_eq!(back, good);
                let bad_bytes = bincode::serde::encode_to_vec("bad id", config).unwrap();
                let refused: Result<($name, usize), _> =
                    bincode::serde::decode_from_slice(&bad_bytes, config);
                assert!(refused.is_err());
            }
        };
    }

    id_rules!(run_id_checks_every_constructor_and_decoder, RunId);
    id_rules!(cycle_id_checks_every_constructor_and_decoder, CycleId);
    id_rules!(snapshot_id_checks_every_constructor_and_decoder, SnapshotId);
    id_rules!(decision_id_checks_every_constructor_and_decoder, DecisionId);
    id_rules!(
        order_intent_id_checks_every_constructor_and_decoder,
        OrderIntentId
    );
    id_rules!(
        client_order_id_checks_every_constructor_and_decoder,
        ClientOrderId
    );

    #[test]
    fn client_order_id_follows_the_binance_length_limit() {
        assert_eq!(ClientOrderId::MAX_LEN, 36);
        assert_eq!(
            reason_of(ClientOrderId::new("x".repeat(37))),
            ReasonCode::IdTooLong
        );
    }
}
