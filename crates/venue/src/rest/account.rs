use serde_json::{Value, json};

use super::Ctx;
use crate::api_error::ApiError;
use crate::engine::Engine;

fn account<'a>(engine: &'a Engine, ctx: &Ctx<'_>) -> Result<&'a crate::engine::Account, ApiError> {
    engine.accounts.get(ctx.api_key).ok_or_else(|| {
        ApiError::new(
            401,
            -2015,
            "Invalid API-key, IP, or permissions for action.",
        )
    })
}

pub fn account_info(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    Ok(account(engine, ctx)?.account_json(ctx.params.bool_flag("omitZeroBalances")))
}

pub fn api_restrictions(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    Ok(account(engine, ctx)?.restrictions_json())
}

fn known_symbol<'a>(engine: &Engine, ctx: &'a Ctx<'_>) -> Result<&'a str, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    if !engine.exchange.symbols.contains_key(symbol) {
        return Err(ApiError::invalid_symbol());
    }
    Ok(symbol)
}

fn take_limited(items: Vec<Value>, ctx: &Ctx<'_>, from_start: bool) -> Result<Value, ApiError> {
    let limit = ctx
        .params
        .int::<usize>("limit")?
        .unwrap_or(500)
        .clamp(1, 1000);
    let skip = if from_start {
        0
    } else {
        items.len().saturating_sub(limit)
    };
    Ok(json!(
        items.into_iter().skip(skip).take(limit).collect::<Vec<_>>()
    ))
}

pub fn all_orders(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = known_symbol(engine, ctx)?;
    let from_id: Option<u64> = ctx.params.int("orderId")?;
    let start: Option<i64> = ctx.params.int("startTime")?;
    let end: Option<i64> = ctx.params.int("endTime")?;
    let items: Vec<Value> = engine
        .orders
        .values()
        .filter(|o| o.account == ctx.api_key && o.symbol == symbol)
        .filter(|o| from_id.is_none_or(|id| o.order_id >= id))
        .filter(|o| start.is_none_or(|s| o.time >= s) && end.is_none_or(|e| o.time <= e))
        .map(crate::engine::Order::query_json)
        .collect();
    take_limited(items, ctx, from_id.is_some() || start.is_some())
}

pub fn my_trades(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = known_symbol(engine, ctx)?;
    let order_id: Option<u64> = ctx.params.int("orderId")?;
    let from_id: Option<i64> = ctx.params.int("fromId")?;
    let start: Option<i64> = ctx.params.int("startTime")?;
    let end: Option<i64> = ctx.params.int("endTime")?;
    let items: Vec<Value> = engine
        .fills
        .iter()
        .filter(|f| f.account == ctx.api_key && f.symbol == symbol)
        .filter(|f| {
            order_id.is_none_or(|id| f.order_id == id) && from_id.is_none_or(|id| f.trade_id >= id)
        })
        .filter(|f| start.is_none_or(|s| f.time >= s) && end.is_none_or(|e| f.time <= e))
        .map(crate::engine::Fill::my_trade_json)
        .collect();
    take_limited(items, ctx, from_id.is_some() || start.is_some())
}

pub fn my_trades_weight(params: &crate::params::Params) -> u32 {
    if params.get("orderId").is_some() {
        5
    } else {
        20
    }
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "route handlers share one signature"
)]
pub fn rate_limit_order(engine: &mut Engine, _: &Ctx<'_>) -> Result<Value, ApiError> {
    let now = engine.rate_now();
    let limits = engine.exchange.limits;
    let (ten, day) = engine.rate.order_counts(now);
    Ok(json!([
        {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": limits.orders_per_10s, "count": ten},
        {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": limits.orders_per_day, "count": day}
    ]))
}
