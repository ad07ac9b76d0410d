use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::Ctx;
use crate::api_error::ApiError;
use crate::engine::Engine;
use crate::market::SymbolMarket;
use crate::market::kline::{aggregate, interval_ms};
use crate::market_event::stats_24h;
use crate::num::fmt8;
use crate::params::Params;

pub fn levels_json(levels: &[(Decimal, Decimal)]) -> Vec<Value> {
    levels
        .iter()
        .map(|(p, q)| json!([fmt8(*p), fmt8(*q)]))
        .collect()
}

fn market<'a>(engine: &'a Engine, symbol: &str) -> Result<Option<&'a SymbolMarket>, ApiError> {
    if !engine.exchange.symbols.contains_key(symbol) {
        return Err(ApiError::invalid_symbol());
    }
    Ok(engine.markets.get(symbol))
}

fn limit(params: &Params, default: usize, max: usize) -> Result<usize, ApiError> {
    Ok(params
        .int::<usize>("limit")?
        .unwrap_or(default)
        .clamp(1, max))
}

pub fn symbols_param(params: &Params, engine: &Engine) -> Result<Vec<String>, ApiError> {
    if let Some(one) = params.get("symbol") {
        market(engine, one)?;
        return Ok(vec![one.to_owned()]);
    }
    let Some(list) = params.get("symbols") else {
        return Ok(engine.markets.keys().cloned().collect());
    };
    let names: Vec<String> = serde_json::from_str(list)
        .map_err(|_| ApiError::bad(-1100, "Illegal characters found in parameter 'symbols'."))?;
    for name in &names {
        market(engine, name)?;
    }
    Ok(names)
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "route handlers share one signature"
)]
pub fn ping(_: &mut Engine, _: &Ctx<'_>) -> Result<Value, ApiError> {
    Ok(json!({}))
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "route handlers share one signature"
)]
pub fn time(engine: &mut Engine, _: &Ctx<'_>) -> Result<Value, ApiError> {
    Ok(json!({"serverTime": engine.now()}))
}

pub fn exchange_info(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let names: Vec<String> =
        if ctx.params.get("symbol").is_some() || ctx.params.get("symbols").is_some() {
            symbols_param(ctx.params, engine)?
        } else {
            engine.exchange.symbols.keys().cloned().collect()
        };
    let selected: Vec<_> = names
        .iter()
        .filter_map(|n| engine.exchange.symbols.get(n))
        .collect();
    Ok(engine.exchange.render(engine.now(), &selected))
}

pub fn depth(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let limit = limit(ctx.params, 100, 5000)?;
    Ok(match market(engine, symbol)? {
        Some(m) => json!({
            "lastUpdateId": m.book.update_id,
            "bids": levels_json(&m.book.top_bids(limit)),
            "asks": levels_json(&m.book.top_asks(limit))
        }),
        None => json!({"lastUpdateId": 0, "bids": [], "asks": []}),
    })
}

pub fn depth_weight(params: &Params) -> u32 {
    match params.int::<usize>("limit").ok().flatten().unwrap_or(100) {
        0..=100 => 5,
        101..=500 => 25,
        501..=1000 => 50,
        _ => 250,
    }
}

fn recent_trades(
    engine: &Engine,
    ctx: &Ctx<'_>,
) -> Result<Vec<crate::market::PublicTrade>, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let limit = limit(ctx.params, 500, 1000)?;
    let Some(m) = market(engine, symbol)? else {
        return Ok(Vec::new());
    };
    let skip = m.recent_trades.len().saturating_sub(limit);
    Ok(m.recent_trades.iter().skip(skip).cloned().collect())
}

pub fn trades(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let list: Vec<Value> = recent_trades(engine, ctx)?
        .iter()
        .map(|t| json!({"id": t.id, "price": fmt8(t.price), "qty": fmt8(t.qty), "quoteQty": fmt8(t.price * t.qty), "time": t.time, "isBuyerMaker": t.buyer_is_maker, "isBestMatch": true}))
        .collect();
    Ok(json!(list))
}

pub fn agg_trades(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let list: Vec<Value> = recent_trades(engine, ctx)?
        .iter()
        .map(|t| json!({"a": t.id, "p": fmt8(t.price), "q": fmt8(t.qty), "f": t.id, "l": t.id, "T": t.time, "m": t.buyer_is_maker, "M": true}))
        .collect();
    Ok(json!(list))
}

pub fn klines(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let interval = interval_ms(ctx.params.require("interval")?)
        .ok_or_else(|| ApiError::bad(-1120, "Invalid interval."))?;
    let limit = limit(ctx.params, 500, 1000)?;
    let start: Option<i64> = ctx.params.int("startTime")?;
    let end: Option<i64> = ctx.params.int("endTime")?;
    let Some(m) = market(engine, symbol)? else {
        return Ok(json!([]));
    };
    let all = aggregate(&m.klines_1m(), interval);
    let filtered: Vec<_> = all
        .iter()
        .filter(|k| start.is_none_or(|s| k.open_time >= s) && end.is_none_or(|e| k.open_time <= e))
        .collect();
    let chosen: Vec<Value> = if start.is_some() {
        filtered.iter().take(limit).map(|k| k.rest_row()).collect()
    } else {
        let skip = filtered.len().saturating_sub(limit);
        filtered.iter().skip(skip).map(|k| k.rest_row()).collect()
    };
    Ok(json!(chosen))
}

pub fn avg_price(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let symbol = ctx.params.require("symbol")?;
    let now = engine.now();
    let Some(m) = market(engine, symbol)? else {
        return Ok(json!({"mins": 5, "price": fmt8(Decimal::ZERO), "closeTime": now}));
    };
    let klines = m.klines_1m();
    let recent = &klines[klines.len().saturating_sub(5)..];
    let volume: Decimal = recent.iter().map(|k| k.volume).sum();
    let quote: Decimal = recent.iter().map(|k| k.quote_volume).sum();
    let price = if volume.is_zero() {
        m.last_price
    } else {
        (quote / volume).round_dp(8)
    };
    Ok(json!({"mins": 5, "price": fmt8(price), "closeTime": m.current.close_time}))
}

fn ticker_24h(m: &SymbolMarket, now: i64, mini: bool) -> Value {
    let s = stats_24h(&m.history, &m.current, now);
    let change = s.last - s.open;
    let percent = if s.open.is_zero() {
        Decimal::ZERO
    } else {
        (change / s.open * Decimal::ONE_HUNDRED).round_dp(3)
    };
    let weighted = if s.volume.is_zero() {
        s.last
    } else {
        (s.quote_volume / s.volume).round_dp(8)
    };
    let (bid, bid_qty) = m.book.best_bid().unwrap_or_default();
    let (ask, ask_qty) = m.book.best_ask().unwrap_or_default();
    let last_qty = m.recent_trades.back().map(|t| t.qty).unwrap_or_default();
    if mini {
        return json!({"symbol": m.symbol, "openPrice": fmt8(s.open), "highPrice": fmt8(s.high), "lowPrice": fmt8(s.low), "lastPrice": fmt8(s.last), "volume": fmt8(s.volume), "quoteVolume": fmt8(s.quote_volume), "openTime": s.open_time, "closeTime": now, "firstId": s.first_id, "lastId": s.last_id, "count": s.count});
    }
    json!({
        "symbol": m.symbol, "priceChange": fmt8(change), "priceChangePercent": percent.to_string(),
        "weightedAvgPrice": fmt8(weighted), "prevClosePrice": fmt8(s.open), "lastPrice": fmt8(s.last),
        "lastQty": fmt8(last_qty), "bidPrice": fmt8(bid), "bidQty": fmt8(bid_qty), "askPrice": fmt8(ask),
        "askQty": fmt8(ask_qty), "openPrice": fmt8(s.open), "highPrice": fmt8(s.high), "lowPrice": fmt8(s.low),
        "volume": fmt8(s.volume), "quoteVolume": fmt8(s.quote_volume), "openTime": s.open_time, "closeTime": now,
        "firstId": s.first_id, "lastId": s.last_id, "count": s.count
    })
}

fn per_symbol(
    engine: &Engine,
    ctx: &Ctx<'_>,
    render: impl Fn(&SymbolMarket) -> Value,
) -> Result<Value, ApiError> {
    let names = symbols_param(ctx.params, engine)?;
    let rendered: Vec<Value> = names
        .iter()
        .filter_map(|n| engine.markets.get(n))
        .map(render)
        .collect();
    if ctx.params.get("symbol").is_some() {
        return rendered
            .into_iter()
            .next()
            .ok_or_else(ApiError::invalid_symbol);
    }
    Ok(json!(rendered))
}

pub fn ticker_24hr(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    let now = engine.now();
    let mini = ctx.params.get("type") == Some("MINI");
    per_symbol(engine, ctx, |m| ticker_24h(m, now, mini))
}

pub fn ticker_price(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    per_symbol(
        engine,
        ctx,
        |m| json!({"symbol": m.symbol, "price": fmt8(m.last_price)}),
    )
}

pub fn book_ticker(engine: &mut Engine, ctx: &Ctx<'_>) -> Result<Value, ApiError> {
    per_symbol(engine, ctx, |m| {
        let (bid, bid_qty) = m.book.best_bid().unwrap_or_default();
        let (ask, ask_qty) = m.book.best_ask().unwrap_or_default();
        json!({"symbol": m.symbol, "bidPrice": fmt8(bid), "bidQty": fmt8(bid_qty), "askPrice": fmt8(ask), "askQty": fmt8(ask_qty)})
    })
}

pub fn ticker_weight(params: &Params) -> u32 {
    if params.get("symbol").is_some() {
        return 2;
    }
    let count = params
        .get("symbols")
        .and_then(|list| serde_json::from_str::<Vec<String>>(list).ok())
        .map(|list| list.len());
    match count {
        Some(1..=20) => 2,
        Some(21..=100) => 40,
        _ => 80,
    }
}

pub fn price_weight(params: &Params) -> u32 {
    if params.get("symbol").is_some() { 2 } else { 4 }
}
