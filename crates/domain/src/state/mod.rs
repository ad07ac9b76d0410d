mod intent_state;
mod order_status;
mod position_state;
mod rejected;
mod sys_mode;

pub use intent_state::{IntentState, OrderLookup};
pub use order_status::OrderStatus;
pub use position_state::PositionState;
pub use rejected::TransitionRejected;
pub use sys_mode::SysMode;

#[cfg(test)]
mod tests {
    use core::fmt::Debug;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;

    fn bincode_round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(all: &[T]) {
        let config = bincode::config::standard();
        for value in all {
            let bytes = bincode::serde::encode_to_vec(value, config).unwrap();
            let (back, _): (T, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
            assert_eq!(&back, value);
        }
    }

    #[test]
    fn every_state_round_trips_through_bincode() {
        bincode_round_trip(SysMode::ALL);
        bincode_round_trip(IntentState::ALL);
        bincode_round_trip(OrderStatus::ALL);
        bincode_round_trip(PositionState::ALL);
        let rejected = SysMode::Exit.resume().unwrap_err();
        bincode_round_trip(&[rejected]);
    }
}
