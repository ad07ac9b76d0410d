use serde_json::{Map, Value, json};

use crate::api_error::ApiError;
use crate::engine::types::{OrderType, RespType, Side, Tif};
use crate::engine::{Engine, NewOrder, PlaceOutcome};
use crate::params::Params;

pub fn optional<T>(
    params: &Params,
    key: &str,
    parse: fn(&str) -> Result<T, ApiError>,
) -> Result<Option<T>, ApiError> {
    params.get(key).map(parse).transpose()
}

pub fn new_order(params: &Params) -> Result<NewOrder, ApiError> {
    Ok(NewOrder {
        symbol: params.require("symbol")?.to_owned(),
        side: Side::parse(params.require("side")?)?,
        order_type: OrderType::parse(params.require("type")?)?,
        tif: optional(params, "timeInForce", Tif::parse)?,
        quantity: params.decimal("quantity")?,
        quote_order_qty: params.decimal("quoteOrderQty")?,
        price: params.decimal("price")?,
        stop_price: params.decimal("stopPrice")?,
        trailing_delta: params.int("trailingDelta")?,
        iceberg_qty: params.decimal("icebergQty")?,
        client_order_id: params.get("newClientOrderId").map(str::to_owned),
        resp_type: optional(params, "newOrderRespType", RespType::parse)?,
    })
}

pub fn order_response(engine: &Engine, outcome: &PlaceOutcome, resp: RespType) -> Value {
    let Some(order) = engine.orders.get(&outcome.order_id) else {
        return json!({});
    };
    let map: Map<String, Value> = match resp {
        RespType::Ack => order.ack_json(outcome.transact_time),
        RespType::Result => order.result_json(outcome.transact_time),
        RespType::Full => {
            let mut map = order.result_json(outcome.transact_time);
            let fills: Vec<Value> = outcome
                .fills
                .iter()
                .map(crate::engine::Fill::full_json)
                .collect();
            map.insert("fills".to_owned(), json!(fills));
            map
        }
    };
    Value::Object(map)
}
