use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::order::{Fill, Order};
use crate::num::fmt8;

#[derive(Debug, Clone)]
pub struct UserEvent {
    pub api_key: Arc<str>,
    pub payload: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecType {
    New,
    Trade,
    Canceled,
    Expired,
}

impl ExecType {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "NEW",
            Self::Trade => "TRADE",
            Self::Canceled => "CANCELED",
            Self::Expired => "EXPIRED",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ReportContext<'a> {
    pub exec: ExecType,
    pub fill: Option<&'a Fill>,
    pub cancel_client_id: Option<&'a str>,
    pub execution_id: u64,
    pub now: i64,
}

pub fn execution_report(order: &Order, ctx: ReportContext<'_>) -> Value {
    let (last_qty, last_price, commission, asset, trade_id, maker) = ctx.fill.map_or(
        (
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
            Value::Null,
            -1,
            false,
        ),
        |f| {
            (
                f.qty,
                f.price,
                f.commission,
                json!(f.commission_asset),
                f.trade_id,
                f.is_maker,
            )
        },
    );
    let (client_id, original) = match ctx.cancel_client_id {
        Some(cancel) => (cancel.to_owned(), order.client_order_id.clone()),
        None => (order.client_order_id.clone(), String::new()),
    };
    let mut event = json!({
        "e": "executionReport", "E": ctx.now, "s": order.symbol, "c": client_id,
        "S": order.side.as_str(), "o": order.order_type.as_str(), "f": order.tif.as_str(),
        "q": fmt8(order.orig_qty), "p": fmt8(order.price), "P": fmt8(order.stop_price.unwrap_or_default()),
        "F": fmt8(order.iceberg_qty.unwrap_or_default()), "g": order.order_list_id, "C": original,
        "x": ctx.exec.as_str(), "X": order.status.as_str(), "r": "NONE", "i": order.order_id,
        "l": fmt8(last_qty), "z": fmt8(order.executed_qty), "L": fmt8(last_price),
        "n": if ctx.fill.is_some() { fmt8(commission) } else { "0".to_owned() }, "N": asset,
        "T": ctx.now, "t": trade_id, "I": ctx.execution_id, "w": order.status.is_open() && order.is_working(),
        "m": maker, "M": false, "O": order.time, "Z": fmt8(order.cumm_quote),
        "Y": fmt8(last_qty * last_price), "Q": fmt8(order.orig_quote_order_qty), "V": "NONE"
    });
    if let Some(map) = event.as_object_mut() {
        if order.is_working() {
            map.insert("W".to_owned(), json!(order.working_time));
        }
        if let Some(delta) = order.trailing_delta {
            map.insert("d".to_owned(), json!(delta));
            map.insert("D".to_owned(), json!(order.trailing_time));
        }
        if let Some(reason) = order.expiry_reason {
            map.insert("eR".to_owned(), json!(reason));
        }
    }
    event
}
