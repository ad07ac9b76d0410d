use serde_json::{Map, Value};

use crate::api_error::ApiError;
use crate::engine::Engine;
use crate::params::Params;
use crate::rest;

const METHODS: [(&str, &str, &str); 23] = [
    ("order.place", "POST", "/api/v3/order"),
    ("order.test", "POST", "/api/v3/order/test"),
    ("order.status", "GET", "/api/v3/order"),
    ("order.cancel", "DELETE", "/api/v3/order"),
    ("order.cancelReplace", "POST", "/api/v3/order/cancelReplace"),
    ("openOrders.status", "GET", "/api/v3/openOrders"),
    ("openOrders.cancelAll", "DELETE", "/api/v3/openOrders"),
    ("orderList.place.oco", "POST", "/api/v3/orderList/oco"),
    ("orderList.status", "GET", "/api/v3/orderList"),
    ("orderList.cancel", "DELETE", "/api/v3/orderList"),
    ("openOrderLists.status", "GET", "/api/v3/openOrderList"),
    ("allOrders", "GET", "/api/v3/allOrders"),
    ("myTrades", "GET", "/api/v3/myTrades"),
    ("account.status", "GET", "/api/v3/account"),
    (
        "account.rateLimits.orders",
        "GET",
        "/api/v3/rateLimit/order",
    ),
    ("exchangeInfo", "GET", "/api/v3/exchangeInfo"),
    ("depth", "GET", "/api/v3/depth"),
    ("klines", "GET", "/api/v3/klines"),
    ("avgPrice", "GET", "/api/v3/avgPrice"),
    ("trades.recent", "GET", "/api/v3/trades"),
    ("ticker.24hr", "GET", "/api/v3/ticker/24hr"),
    ("ticker.price", "GET", "/api/v3/ticker/price"),
    ("ticker.book", "GET", "/api/v3/ticker/bookTicker"),
];

pub fn call(
    engine: &mut Engine,
    method: &str,
    params: &Map<String, Value>,
) -> Option<Result<Value, ApiError>> {
    let (_, http_method, path) = METHODS.iter().find(|(name, _, _)| *name == method)?;
    let converted = Params::from_ws(params);
    let api_key = params.get("apiKey").and_then(Value::as_str);
    Some(rest::dispatch(
        engine,
        http_method,
        path,
        &converted,
        api_key,
    ))
}
