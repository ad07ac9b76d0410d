use serde_json::Value;

use super::{Ctx, account, market, order_list, trade};
use crate::api_error::ApiError;
use crate::engine::Engine;
use crate::params::Params;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    Public,
    UserData,
    Trade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEffect {
    None,
    Places,
    Cancels,
}

pub type Handler = fn(&mut Engine, &Ctx<'_>) -> Result<Value, ApiError>;

#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub security: Security,
    pub effect: OrderEffect,
    pub weight: fn(&Params) -> u32,
    pub handler: Handler,
}

const fn w1(_: &Params) -> u32 {
    1
}
const fn w2(_: &Params) -> u32 {
    2
}
const fn w4(_: &Params) -> u32 {
    4
}
const fn w6(_: &Params) -> u32 {
    6
}
const fn w20(_: &Params) -> u32 {
    20
}
const fn w25(_: &Params) -> u32 {
    25
}
const fn w40(_: &Params) -> u32 {
    40
}

macro_rules! route {
    ($method:literal, $path:literal, $security:ident, $effect:ident, $weight:expr, $handler:expr) => {
        Route {
            method: $method,
            path: $path,
            security: Security::$security,
            effect: OrderEffect::$effect,
            weight: $weight,
            handler: $handler,
        }
    };
}

pub const ROUTES: &[Route] = &[
    route!("GET", "/api/v3/ping", Public, None, w1, market::ping),
    route!("GET", "/api/v3/time", Public, None, w1, market::time),
    route!(
        "GET",
        "/api/v3/exchangeInfo",
        Public,
        None,
        w20,
        market::exchange_info
    ),
    route!(
        "GET",
        "/api/v3/depth",
        Public,
        None,
        market::depth_weight,
        market::depth
    ),
    route!("GET", "/api/v3/trades", Public, None, w25, market::trades),
    route!(
        "GET",
        "/api/v3/historicalTrades",
        Public,
        None,
        w25,
        market::trades
    ),
    route!(
        "GET",
        "/api/v3/aggTrades",
        Public,
        None,
        w4,
        market::agg_trades
    ),
    route!("GET", "/api/v3/klines", Public, None, w2, market::klines),
    route!("GET", "/api/v3/uiKlines", Public, None, w2, market::klines),
    route!(
        "GET",
        "/api/v3/avgPrice",
        Public,
        None,
        w2,
        market::avg_price
    ),
    route!(
        "GET",
        "/api/v3/ticker/24hr",
        Public,
        None,
        market::ticker_weight,
        market::ticker_24hr
    ),
    route!(
        "GET",
        "/api/v3/ticker/price",
        Public,
        None,
        market::price_weight,
        market::ticker_price
    ),
    route!(
        "GET",
        "/api/v3/ticker/bookTicker",
        Public,
        None,
        market::price_weight,
        market::book_ticker
    ),
    route!(
        "GET",
        "/api/v3/account",
        UserData,
        None,
        w20,
        account::account_info
    ),
    route!(
        "GET",
        "/sapi/v1/account/apiRestrictions",
        UserData,
        None,
        w1,
        account::api_restrictions
    ),
    route!(
        "GET",
        "/api/v3/rateLimit/order",
        UserData,
        None,
        w40,
        account::rate_limit_order
    ),
    route!(
        "GET",
        "/api/v3/allOrders",
        UserData,
        None,
        w20,
        account::all_orders
    ),
    route!(
        "GET",
        "/api/v3/myTrades",
        UserData,
        None,
        account::my_trades_weight,
        account::my_trades
    ),
    route!(
        "POST",
        "/api/v3/order",
        Trade,
        Places,
        w1,
        trade::place_order
    ),
    route!(
        "POST",
        "/api/v3/order/test",
        Trade,
        None,
        trade::test_order_weight,
        trade::test_order
    ),
    route!(
        "GET",
        "/api/v3/order",
        UserData,
        None,
        w4,
        trade::query_order
    ),
    route!(
        "DELETE",
        "/api/v3/order",
        Trade,
        Cancels,
        w1,
        trade::cancel_order
    ),
    route!(
        "GET",
        "/api/v3/openOrders",
        UserData,
        None,
        trade::open_orders_weight,
        trade::open_orders
    ),
    route!(
        "DELETE",
        "/api/v3/openOrders",
        Trade,
        Cancels,
        w1,
        trade::cancel_open_orders
    ),
    route!(
        "POST",
        "/api/v3/order/cancelReplace",
        Trade,
        Places,
        w1,
        trade::cancel_replace
    ),
    route!(
        "POST",
        "/api/v3/orderList/oco",
        Trade,
        Places,
        w1,
        order_list::place_oco
    ),
    route!(
        "GET",
        "/api/v3/orderList",
        UserData,
        None,
        w4,
        order_list::query_list
    ),
    route!(
        "GET",
        "/api/v3/openOrderList",
        UserData,
        None,
        w6,
        order_list::open_lists
    ),
    route!(
        "DELETE",
        "/api/v3/orderList",
        Trade,
        Cancels,
        w1,
        order_list::cancel_list
    ),
];

pub fn find(method: &str, path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.method == method && r.path == path)
}
