use std::collections::BTreeMap;

use livespot_binance::rest::account::Order;
use livespot_binance::rest::enums::WireOrderStatus;
use livespot_domain::{OrderStatus, ReasonCode};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ledger::OrderRecord;
use crate::outcome::order_report;

const BPS_PER_UNIT: i64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "diff", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReconcileDiff {
    UnknownExchangeOrder {
        symbol: String,
        client_order_id: String,
        exchange_order_id: i64,
    },
    LedgerOrderMissing {
        symbol: String,
        client_order_id: String,
        ledger_status: OrderStatus,
    },
    QuantityMismatch {
        symbol: String,
        client_order_id: String,
        ledger_executed: Decimal,
        exchange_executed: Decimal,
    },
    StatusMismatch {
        symbol: String,
        client_order_id: String,
        ledger_status: OrderStatus,
        exchange_status: OrderStatus,
    },
    BalanceDrift {
        asset: String,
        expected: Decimal,
        actual: Decimal,
        drift_bps: Decimal,
    },
}

impl ReconcileDiff {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::UnknownExchangeOrder { .. } => ReasonCode::ReconcileUnknownExchangeOrder,
            Self::LedgerOrderMissing { .. } => ReasonCode::ReconcileLedgerOrderMissing,
            Self::QuantityMismatch { .. } => ReasonCode::ReconcileQuantityMismatch,
            Self::StatusMismatch { .. } => ReasonCode::ReconcileStatusMismatch,
            Self::BalanceDrift { .. } => ReasonCode::ReconcileBalanceDrift,
        }
    }
}

pub fn diff_open_orders(
    symbol: &str,
    ledger_open: &[OrderRecord],
    exchange_open: &[Order],
) -> Vec<ReconcileDiff> {
    let ledger: BTreeMap<&str, &OrderRecord> = ledger_open
        .iter()
        .map(|o| (o.client_order_id.as_str(), o))
        .collect();
    let exchange: BTreeMap<&str, &Order> = exchange_open
        .iter()
        .map(|o| (o.client_order_id.as_str(), o))
        .collect();
    let mut diffs = Vec::new();
    for (coid, order) in &exchange {
        let Some(known) = ledger.get(coid) else {
            diffs.push(ReconcileDiff::UnknownExchangeOrder {
                symbol: symbol.to_owned(),
                client_order_id: (*coid).to_owned(),
                exchange_order_id: order.order_id,
            });
            continue;
        };
        let report = order_report(order);
        if report.executed_qty != known.executed_qty {
            diffs.push(ReconcileDiff::QuantityMismatch {
                symbol: symbol.to_owned(),
                client_order_id: (*coid).to_owned(),
                ledger_executed: known.executed_qty,
                exchange_executed: report.executed_qty,
            });
        }
        if report.status != known.status {
            diffs.push(ReconcileDiff::StatusMismatch {
                symbol: symbol.to_owned(),
                client_order_id: (*coid).to_owned(),
                ledger_status: known.status,
                exchange_status: report.status,
            });
        }
    }
    for (coid, known) in &ledger {
        if !exchange.contains_key(coid) {
            diffs.push(ReconcileDiff::LedgerOrderMissing {
                symbol: symbol.to_owned(),
                client_order_id: (*coid).to_owned(),
                ledger_status: known.status,
            });
        }
    }
    diffs
}

pub fn completed_on_the_venue(order: &Order) -> bool {
    match order.status {
        Some(WireOrderStatus::Filled) => true,
        Some(WireOrderStatus::Expired) => order.order_list_id >= 0,
        _ => false,
    }
}

pub fn unknown_order_count(diffs: &[ReconcileDiff]) -> u32 {
    let count = diffs
        .iter()
        .filter(|d| matches!(d, ReconcileDiff::UnknownExchangeOrder { .. }))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

pub fn balance_drift_bps(expected: Decimal, actual: Decimal) -> Decimal {
    let gap = (actual - expected).abs();
    if gap.is_zero() {
        return Decimal::ZERO;
    }
    let scale = expected.abs().max(actual.abs());
    if scale.is_zero() {
        return Decimal::ZERO;
    }
    gap * Decimal::from(BPS_PER_UNIT) / scale
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
