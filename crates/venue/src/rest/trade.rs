use serde_json::{Value, json};

use super::Ctx;
use super::order_params::{new_order, order_response};
use crate::api_error::ApiError;
use crate::engine::{CancelTarget, Engine};

pub fn place_order(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let req = new_order(ctx.params)?;
    let outcome = engine.place(ctx.api_key, &req, ctx.partial)?;
    Ok(order_response(engine, &outcome, req.default_resp_type()))
}

pub fn test_order(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let req = new_order(ctx.params)?;
    engine.validate_only(ctx.api_key, &req)?;
    if !ctx.params.bool_flag("computeCommissionRates") {
        return Ok(json!({}));
    }
    Ok(json!({
        "standardCommissionForOrder": {"maker": "0.00100000", "taker": "0.00100000"},
        "specialCommissionForOrder": {"maker": "0.00000000", "taker": "0.00000000"},
        "taxCommissionForOrder": {"maker": "0.00000000", "taker": "0.00000000"},
        "discount": {"enabledForAccount": false, "enabledForSymbol": false, "discountAsset": "BNB", "discount": "0.25000000"}
    }))
}

pub fn test_order_weight(params: &crate::params::Params) -> u32 {
    if params.bool_flag("computeCommissionRates") {
        20
    } else {
        1
    }
}

fn target<'a>(ctx: &'a Ctx<'_>, prefix: bool) -> Result<CancelTarget<'a>, ApiError> {
    let (id_key, orig_key, new_key) = if prefix {
        (
            "cancelOrderId",
            "cancelOrigClientOrderId",
            "cancelNewClientOrderId",
        )
    } else {
        ("orderId", "origClientOrderId", "newClientOrderId")
    };
    if ctx.params.get(orig_key) == Some("") {
        return Err(ApiError::bad(-1119, "Original client order ID was empty."));
    }
    Ok(CancelTarget {
        order_id: ctx.params.int(id_key)?,
        orig_client_order_id: ctx.params.get(orig_key),
        new_client_order_id: ctx.params.get(new_key),
        restriction: ctx.params.get("cancelRestrictions"),
    })
}

pub fn query_order(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let target = target(ctx, false)?;
    let order = engine.find_order(
        ctx.api_key,
        symbol,
        target.order_id,
        target.orig_client_order_id,
    )?;
    Ok(order.query_json())
}

pub fn cancel_order(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let target = target(ctx, false)?;
    if target.order_id.is_none() && target.orig_client_order_id.is_none() {
        return Err(ApiError::bad(
            -1102,
            "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
        ));
    }
    engine.cancel(ctx.api_key, symbol, target)
}

pub fn open_orders(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.get("symbol");
    if symbol.is_some_and(|s| !engine.exchange.symbols.contains_key(s)) {
        return Err(ApiError::invalid_symbol());
    }
    let list: Vec<Value> = engine
        .open_orders(ctx.api_key, symbol)
        .iter()
        .map(|o| o.query_json())
        .collect();
    Ok(json!(list))
}

pub fn open_orders_weight(params: &crate::params::Params) -> u32 {
    if params.get("symbol").is_some() {
        6
    } else {
        80
    }
}

pub fn cancel_open_orders(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    Ok(json!(engine.cancel_all(ctx.api_key, symbol)?))
}

fn failure_json(error: &ApiError) -> Value {
    json!({"code": error.code, "msg": error.msg})
}

pub fn cancel_replace(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let mode = ctx.params.require("cancelReplaceMode")?;
    if !matches!(mode, "STOP_ON_FAILURE" | "ALLOW_FAILURE") {
        return Err(ApiError::bad(-1130, "Invalid data sent for a parameter."));
    }
    let req = new_order(ctx.params)?;
    if engine
        .exchange
        .symbols
        .get(&req.symbol)
        .is_some_and(|s| !s.cancel_replace_allowed)
    {
        return Err(ApiError::rejected(
            "Order cancel-replace is not supported for this symbol.",
        ));
    }
    let target = target(ctx, true)?;
    if target.order_id.is_none() && target.orig_client_order_id.is_none() {
        return Err(ApiError::bad(
            -1102,
            "Param 'cancelOrigClientOrderId' or 'cancelOrderId' must be sent, but both were empty/null!",
        ));
    }
    engine.validate_filters(ctx.api_key, &req)?;
    let cancel = engine.cancel(ctx.api_key, &req.symbol, target);
    if cancel.is_err() && mode == "STOP_ON_FAILURE" {
        let data = json!({"cancelResult": "FAILURE", "newOrderResult": "NOT_ATTEMPTED", "cancelResponse": cancel.as_ref().err().map(failure_json), "newOrderResponse": null});
        return Err(ApiError::bad(-2022, "Order cancel-replace failed.").with_data(data));
    }
    let placed = engine
        .place(ctx.api_key, &req, ctx.partial)
        .map(|outcome| order_response(engine, &outcome, req.default_resp_type()));
    let result = |ok: bool| if ok { "SUCCESS" } else { "FAILURE" };
    let data = json!({
        "cancelResult": result(cancel.is_ok()),
        "newOrderResult": result(placed.is_ok()),
        "cancelResponse": cancel.as_ref().map_or_else(failure_json, Clone::clone),
        "newOrderResponse": placed.as_ref().map_or_else(failure_json, Clone::clone),
    });
    match (cancel.is_ok(), placed.is_ok()) {
        (true, true) => Ok(data),
        (false, false) => Err(ApiError::bad(-2022, "Order cancel-replace failed.").with_data(data)),
        _ => {
            Err(ApiError::new(409, -2021, "Order cancel-replace partially failed.").with_data(data))
        }
    }
}
