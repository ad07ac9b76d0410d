use livespot_domain::{AuditEventType, PositionState, Side};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::ledger::{FillRecord, IntentRecord, OrderRecord, OrderReport};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderEvent<'a> {
    pub client_order_id: &'a str,
    pub symbol: Option<&'a str>,
    pub side: Option<Side>,
    pub purpose: Option<&'a str>,
    pub order_type: Option<&'a str>,
    pub status: livespot_domain::OrderStatus,
    pub exchange_order_id: i64,
    pub order_list_id: Option<i64>,
    pub executed_qty: Decimal,
    pub cummulative_quote_qty: Decimal,
}

impl<'a> OrderEvent<'a> {
    pub fn new(
        client_order_id: &'a str,
        recorded: Option<&'a OrderRecord>,
        report: &OrderReport,
    ) -> Self {
        Self {
            client_order_id,
            symbol: recorded.map(|o| o.symbol.as_str()),
            side: recorded.map(|o| o.side),
            purpose: recorded.map(|o| o.purpose.as_str()),
            order_type: recorded.map(|o| o.order_type.as_str()),
            status: report.status,
            exchange_order_id: report.exchange_order_id,
            order_list_id: report.order_list_id,
            executed_qty: report.executed_qty,
            cummulative_quote_qty: report.cummulative_quote_qty,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FillEvent<'a> {
    pub client_order_id: Option<&'a str>,
    pub side: Side,
    pub quantity: Decimal,
    #[serde(flatten)]
    pub fill: &'a FillRecord,
}

impl<'a> FillEvent<'a> {
    pub fn new(fill: &'a FillRecord, client_order_id: Option<&'a str>) -> Self {
        Self {
            client_order_id,
            side: if fill.is_buyer { Side::Buy } else { Side::Sell },
            quantity: fill.qty,
            fill,
        }
    }
}

pub fn keyed_payload<T: Serialize + ?Sized>(
    event_type: AuditEventType,
    payload: &T,
    intent: Option<&IntentRecord>,
    position: Option<PositionState>,
) -> Value {
    let mut object = match serde_json::to_value(payload).unwrap_or(Value::Null) {
        Value::Object(map) => map,
        other => Map::from_iter([("detail".to_owned(), other)]),
    };
    if let Some(intent) = intent {
        let mut add = |key: &str, value: Value| {
            object.entry(key.to_owned()).or_insert(value);
        };
        add("symbol", json!(intent.symbol));
        add("side", json!(intent.side));
        if event_type == AuditEventType::IntentState {
            add("state", json!(intent.state));
        }
    }
    if event_type == AuditEventType::Position
        && let Some(state) = position
    {
        object
            .entry("position_state".to_owned())
            .or_insert(json!(state));
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn fill(is_buyer: bool) -> FillRecord {
        FillRecord {
            symbol: "BTCUSDT".into(),
            trade_id: 7,
            exchange_order_id: 9,
            price: dec!(100),
            qty: dec!(0.5),
            commission: dec!(0),
            commission_asset: "USDT".into(),
            is_buyer,
            ts_ms: 1,
        }
    }

    #[test]
    fn a_fill_event_names_its_side_order_and_quantity_at_the_top_level() {
        let sold = fill(false);
        let json = serde_json::to_value(FillEvent::new(&sold, Some("ls-x"))).unwrap();
        assert_eq!(json["side"], "SELL");
        assert_eq!(json["client_order_id"], "ls-x");
        assert_eq!(json["symbol"], "BTCUSDT");
        assert_eq!(json["quantity"], json["qty"]);
        assert_eq!(json["trade_id"], 7);
    }

    #[test]
    fn a_bare_state_is_wrapped_and_position_events_name_their_state() {
        let wrapped = keyed_payload(AuditEventType::IntentState, &"CONFIRMED", None, None);
        assert_eq!(wrapped, json!({"detail": "CONFIRMED"}));
        let position = keyed_payload(
            AuditEventType::Position,
            &json!({"Installed": {"attempts": 1}}),
            None,
            Some(PositionState::Protected),
        );
        assert_eq!(position["position_state"], "PROTECTED");
        assert_eq!(position["Installed"]["attempts"], 1);
        let kept = keyed_payload(
            AuditEventType::Position,
            &json!({"position_state": "FLAT"}),
            None,
            Some(PositionState::Protected),
        );
        assert_eq!(kept["position_state"], "FLAT");
    }
}
