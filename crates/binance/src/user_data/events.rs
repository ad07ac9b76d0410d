use crate::error::BinanceError;
use crate::rest::enums::{ExecutionType, OrderSide, OrderType, WireOrderStatus};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionReport {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "c")]
    pub client_order_id: String,
    #[serde(rename = "S")]
    pub side: OrderSide,
    #[serde(rename = "o")]
    pub order_type: OrderType,
    #[serde(rename = "f")]
    pub time_in_force: String,
    #[serde(rename = "q")]
    pub quantity: Decimal,
    #[serde(rename = "p")]
    pub price: Decimal,
    #[serde(rename = "P")]
    pub stop_price: Decimal,
    #[serde(rename = "g")]
    pub order_list_id: i64,
    #[serde(rename = "C")]
    pub orig_client_order_id: String,
    #[serde(rename = "x")]
    pub execution_type: ExecutionType,
    #[serde(rename = "X")]
    pub order_status: WireOrderStatus,
    #[serde(rename = "r")]
    pub reject_reason: String,
    #[serde(rename = "i")]
    pub order_id: i64,
    #[serde(rename = "l")]
    pub last_executed_qty: Decimal,
    #[serde(rename = "z")]
    pub cumulative_filled_qty: Decimal,
    #[serde(rename = "L")]
    pub last_executed_price: Decimal,
    #[serde(rename = "n")]
    pub commission: Decimal,
    #[serde(rename = "N")]
    pub commission_asset: Option<String>,
    #[serde(rename = "T")]
    pub transaction_time: i64,
    #[serde(rename = "t")]
    pub trade_id: i64,
    #[serde(rename = "w")]
    pub is_on_book: bool,
    #[serde(rename = "m")]
    pub is_maker: bool,
    #[serde(rename = "O")]
    pub order_creation_time: i64,
    #[serde(rename = "Z")]
    pub cumulative_quote_qty: Decimal,
    #[serde(rename = "Y")]
    pub last_quote_qty: Decimal,
    #[serde(rename = "eR", default)]
    pub expiry_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountBalance {
    #[serde(rename = "a")]
    pub asset: String,
    #[serde(rename = "f")]
    pub free: Decimal,
    #[serde(rename = "l")]
    pub locked: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboundAccountPosition {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "u")]
    pub last_update_time: i64,
    #[serde(rename = "B")]
    pub balances: Vec<AccountBalance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceUpdate {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "a")]
    pub asset: String,
    #[serde(rename = "d")]
    pub delta: Decimal,
    #[serde(rename = "T")]
    pub clear_time: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListStatusOrder {
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "i")]
    pub order_id: i64,
    #[serde(rename = "c")]
    pub client_order_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListStatus {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "g")]
    pub order_list_id: i64,
    #[serde(rename = "c")]
    pub contingency_type: String,
    #[serde(rename = "l")]
    pub list_status_type: String,
    #[serde(rename = "L")]
    pub list_order_status: String,
    #[serde(rename = "r")]
    pub list_reject_reason: String,
    #[serde(rename = "C")]
    pub list_client_order_id: String,
    #[serde(rename = "T")]
    pub transaction_time: i64,
    #[serde(rename = "O")]
    pub orders: Vec<ListStatusOrder>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserDataEvent {
    ExecutionReport(Box<ExecutionReport>),
    OutboundAccountPosition(OutboundAccountPosition),
    BalanceUpdate(BalanceUpdate),
    ListStatus(ListStatus),
    EventStreamTerminated { event_time: i64 },
    ListenKeyExpired { event_time: i64 },
    Other { event_type: String },
}

fn typed<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, BinanceError> {
    serde_json::from_value(value).map_err(|e| BinanceError::Decode {
        detail: e.to_string(),
    })
}

pub fn parse_user_event(value: serde_json::Value) -> Result<UserDataEvent, BinanceError> {
    let event = match value.get("event") {
        Some(inner) if value.get("subscriptionId").is_some() => inner.clone(),
        _ => value,
    };
    let event_type = event
        .get("e")
        .and_then(|e| e.as_str())
        .unwrap_or_default()
        .to_owned();
    let event_time = event
        .get("E")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or_default();
    Ok(match event_type.as_str() {
        "executionReport" => UserDataEvent::ExecutionReport(Box::new(typed(event)?)),
        "outboundAccountPosition" => UserDataEvent::OutboundAccountPosition(typed(event)?),
        "balanceUpdate" => UserDataEvent::BalanceUpdate(typed(event)?),
        "listStatus" => UserDataEvent::ListStatus(typed(event)?),
        "eventStreamTerminated" => UserDataEvent::EventStreamTerminated { event_time },
        "listenKeyExpired" => UserDataEvent::ListenKeyExpired { event_time },
        _ => UserDataEvent::Other { event_type },
    })
}

pub fn parse_user_event_text(text: &str) -> Result<UserDataEvent, BinanceError> {
    let value = serde_json::from_str(text).map_err(|e| BinanceError::Decode {
        detail: e.to_string(),
    })?;
    parse_user_event(value)
}
