use livespot_binance::BinanceError;
use livespot_binance::rest::account::Order;
use livespot_binance::rest::enums::WireOrderStatus;
use livespot_domain::{OrderStatus, ReasonCode};
use rust_decimal::Decimal;

use crate::ledger::OrderReport;

pub const BINANCE_ORDER_DOES_NOT_EXIST: i64 = -2013;
pub const BINANCE_NEW_ORDER_REJECTED: i64 = -2010;
pub const BINANCE_CANCEL_REJECTED: i64 = -2011;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    Accepted(Box<Order>),
    Unknown(BinanceError),
    Refused(BinanceError),
}

impl SendOutcome {
    pub fn classify(result: Result<Order, BinanceError>) -> Self {
        match result {
            Ok(order) => Self::Accepted(Box::new(order)),
            Err(error) if error.is_status_unknown() => Self::Unknown(error),
            Err(error) => Self::Refused(error),
        }
    }
}

pub fn refusal_reason(error: &BinanceError) -> ReasonCode {
    if is_would_take(error) {
        ReasonCode::ExecutionEntryWouldTake
    } else {
        error.reason_code()
    }
}

pub fn is_would_take(error: &BinanceError) -> bool {
    matches!(error, BinanceError::Rejected { code, msg } if *code == BINANCE_NEW_ORDER_REJECTED && msg.to_ascii_lowercase().contains("immediately match"))
}

pub fn is_order_missing(error: &BinanceError) -> bool {
    matches!(error, BinanceError::Rejected { code, .. } if *code == BINANCE_ORDER_DOES_NOT_EXIST)
}

pub fn domain_status(status: WireOrderStatus) -> OrderStatus {
    match status {
        WireOrderStatus::New => OrderStatus::New,
        WireOrderStatus::PendingNew => OrderStatus::PendingNew,
        WireOrderStatus::PartiallyFilled => OrderStatus::PartiallyFilled,
        WireOrderStatus::Filled => OrderStatus::Filled,
        WireOrderStatus::Canceled => OrderStatus::Canceled,
        WireOrderStatus::PendingCancel => OrderStatus::PendingCancel,
        WireOrderStatus::Rejected => OrderStatus::Rejected,
        WireOrderStatus::Expired => OrderStatus::Expired,
        WireOrderStatus::ExpiredInMatch => OrderStatus::ExpiredInMatch,
    }
}

pub fn order_report(order: &Order) -> OrderReport {
    OrderReport {
        exchange_order_id: order.order_id,
        order_list_id: (order.order_list_id >= 0).then_some(order.order_list_id),
        status: order.status.map_or(OrderStatus::New, domain_status),
        executed_qty: order.executed_qty.unwrap_or(Decimal::ZERO),
        cummulative_quote_qty: order.cummulative_quote_qty.unwrap_or(Decimal::ZERO),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_status_is_never_a_refusal() {
        let unknown = BinanceError::from_api_error(500, -1007, "timeout".into());
        assert!(matches!(
            SendOutcome::classify(Err(unknown)),
            SendOutcome::Unknown(_)
        ));
        let dropped = BinanceError::StatusUnknown {
            code: None,
            detail: "connection closed".into(),
        };
        assert!(matches!(
            SendOutcome::classify(Err(dropped)),
            SendOutcome::Unknown(_)
        ));
        let rejected = BinanceError::from_api_error(400, -1013, "Filter failure".into());
        assert!(matches!(
            SendOutcome::classify(Err(rejected)),
            SendOutcome::Refused(_)
        ));
        let banned = BinanceError::Banned { until_ms: 5 };
        assert!(matches!(
            SendOutcome::classify(Err(banned)),
            SendOutcome::Refused(_)
        ));
    }

    #[test]
    fn would_take_and_missing_order_are_recognised_by_code() {
        let take = BinanceError::Rejected {
            code: -2010,
            msg: "Order would immediately match and take.".into(),
        };
        assert!(is_would_take(&take));
        assert_eq!(refusal_reason(&take), ReasonCode::ExecutionEntryWouldTake);
        let balance = BinanceError::Rejected {
            code: -2010,
            msg: "Account has insufficient balance".into(),
        };
        assert!(!is_would_take(&balance));
        let missing = BinanceError::Rejected {
            code: -2013,
            msg: "Order does not exist.".into(),
        };
        assert!(is_order_missing(&missing));
    }
}
