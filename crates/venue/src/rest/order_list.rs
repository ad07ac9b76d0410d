use serde_json::{Value, json};

use super::Ctx;
use super::order_params::optional;
use crate::api_error::ApiError;
use crate::engine::types::{OrderType, RespType, Side, Tif};
use crate::engine::{Engine, LegRequest, OcoRequest};
use crate::params::Params;

fn leg(params: &Params, prefix: &str) -> Result<LegRequest, ApiError> {
    let key = |name: &str| format!("{prefix}{name}");
    Ok(LegRequest {
        order_type: OrderType::parse(params.require(&key("Type"))?)?,
        price: params.decimal(&key("Price"))?,
        stop_price: params.decimal(&key("StopPrice"))?,
        trailing_delta: params.int(&key("TrailingDelta"))?,
        tif: optional(params, &key("TimeInForce"), Tif::parse)?,
        client_order_id: params.get(&key("ClientOrderId")).map(str::to_owned),
        iceberg_qty: params.decimal(&key("IcebergQty"))?,
    })
}

pub fn place_oco(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let params = ctx.params;
    let req = OcoRequest {
        symbol: params.require("symbol")?.to_owned(),
        side: Side::parse(params.require("side")?)?,
        quantity: params
            .decimal("quantity")?
            .ok_or_else(|| ApiError::mandatory("quantity"))?,
        list_client_order_id: params.get("listClientOrderId").map(str::to_owned),
        above: leg(params, "above")?,
        below: leg(params, "below")?,
        resp_type: optional(params, "newOrderRespType", RespType::parse)?,
    };
    engine.place_oco(ctx.api_key, &req)
}

fn find_list(engine: &Engine, ctx: &Ctx<'_>) -> Result<i64, ApiError> {
    let id: Option<i64> = ctx.params.int("orderListId")?;
    let client = ctx
        .params
        .get("origClientOrderId")
        .or_else(|| ctx.params.get("listClientOrderId"));
    if id.is_none() && client.is_none() {
        return Err(ApiError::bad(
            -1102,
            "Param 'orderListId' or 'origClientOrderId' must be sent, but both were empty/null!",
        ));
    }
    engine
        .lists
        .values()
        .find(|l| {
            l.account == ctx.api_key
                && id.is_none_or(|i| i == l.order_list_id)
                && client.is_none_or(|c| c == l.list_client_order_id)
        })
        .map(|l| l.order_list_id)
        .ok_or_else(|| ApiError::bad(-2013, "Order list does not exist."))
}

pub fn query_list(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let id = find_list(engine, ctx)?;
    Ok(engine
        .lists
        .get(&id)
        .map_or_else(|| json!({}), |l| l.query_json(engine)))
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "route handlers share one signature"
)]
pub fn open_lists(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let lists: Vec<Value> = engine
        .lists
        .values()
        .filter(|l| l.account == ctx.api_key && !l.done)
        .map(|l| l.query_json(engine))
        .collect();
    Ok(json!(lists))
}

pub fn cancel_list(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let id: Option<i64> = ctx.params.int("orderListId")?;
    let client = ctx.params.get("listClientOrderId");
    let now = engine.now();
    let cancel_id = ctx
        .params
        .get("newClientOrderId")
        .map_or_else(|| format!("simcxl{now:x}"), str::to_owned);
    engine.cancel_list(ctx.api_key, symbol, id, client, &cancel_id)
}
