use livespot_binance::client_order_id::{
    OrderPurpose, client_order_id_text, derive_client_order_id,
};
use livespot_domain::{ClientOrderId, OrderIntentId};

use crate::ExecutionError;

pub fn order_client_id(
    intent: &OrderIntentId,
    purpose: OrderPurpose,
    attempt: u32,
) -> Result<ClientOrderId, ExecutionError> {
    if attempt == 0 {
        return derive_client_order_id(intent, purpose).map_err(ExecutionError::ClientOrderId);
    }
    let keyed = format!("{}#{attempt}", intent.as_str());
    ClientOrderId::new(client_order_id_text(&keyed, purpose)).map_err(ExecutionError::ClientOrderId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_zero_is_the_binance_derived_id_and_attempts_differ() {
        let intent = OrderIntentId::new("intent-1").unwrap();
        let first = order_client_id(&intent, OrderPurpose::Entry, 0).unwrap();
        assert_eq!(
            first,
            derive_client_order_id(&intent, OrderPurpose::Entry).unwrap()
        );
        let second = order_client_id(&intent, OrderPurpose::Entry, 1).unwrap();
        let again = order_client_id(&intent, OrderPurpose::Entry, 1).unwrap();
        assert_ne!(first, second);
        assert_eq!(second, again);
    }
}
