use livespot_binance::rest::account::Order;
use livespot_binance::rest::enums::WireOrderStatus;
use livespot_domain::{OrderStatus, ReasonCode, Side};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::ledger::OrderRecord;

fn ledger_order(coid: &str, status: OrderStatus, executed: Decimal) -> OrderRecord {
    OrderRecord {
        client_order_id: coid.into(),
        order_intent_id: "i".into(),
        purpose: "entry".into(),
        symbol: "BTCUSDT".into(),
        side: Side::Buy,
        order_type: "LIMIT".into(),
        exchange_order_id: Some(1),
        order_list_id: None,
        status,
        orig_qty: dec!(1),
        price: Some(dec!(10)),
        executed_qty: executed,
        cummulative_quote_qty: dec!(0),
    }
}

fn venue_order(coid: &str, id: i64, status: WireOrderStatus, executed: Decimal) -> Order {
    serde_json::from_value(serde_json::json!({
        "symbol": "BTCUSDT", "orderId": id, "orderListId": -1, "clientOrderId": coid,
        "status": status, "executedQty": executed.to_string(), "cummulativeQuoteQty": "0"
    }))
    .unwrap()
}

#[test]
fn every_kind_of_order_difference_is_reported_with_its_code() {
    let ledger = vec![
        ledger_order("same", OrderStatus::New, dec!(0)),
        ledger_order("gone", OrderStatus::New, dec!(0)),
        ledger_order("moved", OrderStatus::New, dec!(0)),
    ];
    let venue = vec![
        venue_order("same", 1, WireOrderStatus::New, dec!(0)),
        venue_order("moved", 2, WireOrderStatus::PartiallyFilled, dec!(0.5)),
        venue_order("stranger", 3, WireOrderStatus::New, dec!(0)),
    ];
    let diffs = diff_open_orders("BTCUSDT", &ledger, &venue);
    let codes: Vec<ReasonCode> = diffs.iter().map(ReconcileDiff::reason_code).collect();
    assert_eq!(
        codes,
        vec![
            ReasonCode::ReconcileQuantityMismatch,
            ReasonCode::ReconcileStatusMismatch,
            ReasonCode::ReconcileUnknownExchangeOrder,
            ReasonCode::ReconcileLedgerOrderMissing,
        ]
    );
    assert_eq!(unknown_order_count(&diffs), 1);
    assert!(diff_open_orders("BTCUSDT", &ledger[..1], &venue[..1]).is_empty());
}

#[test]
fn balance_drift_is_measured_in_bps_of_the_larger_side() {
    assert_eq!(balance_drift_bps(dec!(2), dec!(2)), dec!(0));
    assert_eq!(
        balance_drift_bps(dec!(1), dec!(1.001)),
        dec!(0.001) * dec!(10000) / dec!(1.001)
    );
    assert_eq!(balance_drift_bps(dec!(0), dec!(0)), dec!(0));
    assert_eq!(balance_drift_bps(dec!(0), dec!(1)), dec!(10000));
}

#[test]
fn a_fill_or_an_oco_leg_expired_by_its_sibling_is_a_completion_not_a_difference() {
    let filled = venue_order("tp", 1, WireOrderStatus::Filled, dec!(1));
    assert!(completed_on_the_venue(&filled));
    let mut leg = venue_order("sl", 2, WireOrderStatus::Expired, dec!(0));
    assert!(!completed_on_the_venue(&leg));
    leg.order_list_id = 7;
    assert!(completed_on_the_venue(&leg));
    let mut cancelled = venue_order("sl", 3, WireOrderStatus::Canceled, dec!(0));
    cancelled.order_list_id = 7;
    assert!(!completed_on_the_venue(&cancelled));
}
