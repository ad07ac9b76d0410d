use rust_decimal::Decimal;
use serde::Serialize;

use crate::Kline;
use crate::indicators::{
    BPS_PER_UNIT, percentile, realized_volatility, simple_returns, to_bps, to_score_x10000,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookTop {
    pub bid_price: Decimal,
    pub bid_qty: Decimal,
    pub ask_price: Decimal,
    pub ask_qty: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SpreadSource {
    Book,
    KlineRangeProxy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SpreadHealth {
    Healthy,
    Widening,
    Wide,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MicroParams {
    pub max_spread_bps: Decimal,
    pub max_spread_delta_bps: Decimal,
    pub proxy_range_fraction: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Microstructure {
    pub source: SpreadSource,
    pub spread_bps: Decimal,
    pub spread_p50_bps: Decimal,
    pub spread_p90_bps: Decimal,
    pub spread_delta_bps: Decimal,
    pub imbalance_x10000: i64,
    pub microvol_bps: Decimal,
    pub health: SpreadHealth,
}

pub fn spread_bps(book: &BookTop) -> Option<Decimal> {
    let mid = (book.bid_price + book.ask_price) / Decimal::TWO;
    to_bps(book.ask_price - book.bid_price, mid)
}

pub fn imbalance_x10000(bid_qty: Decimal, ask_qty: Decimal) -> i64 {
    let total = bid_qty + ask_qty;
    if total.is_zero() {
        return 0;
    }
    to_score_x10000((bid_qty - ask_qty) / total)
}

pub fn kline_spread_proxy_bps(kline: &Kline, tick_size: Decimal, params: &MicroParams) -> Decimal {
    let range_part =
        to_bps(kline.range(), kline.close).unwrap_or_default() * params.proxy_range_fraction;
    let tick_floor = to_bps(tick_size, kline.close).unwrap_or_default();
    range_part.max(tick_floor).round_dp(4)
}

pub fn microvol_bps(one_minute: &[Kline]) -> Decimal {
    let closes: Vec<Decimal> = one_minute.iter().map(|k| k.close).collect();
    realized_volatility(&simple_returns(&closes))
        .map_or(Decimal::ZERO, |vol| (vol * BPS_PER_UNIT).round_dp(4))
}

pub fn from_books(
    books: &[BookTop],
    one_minute: &[Kline],
    params: &MicroParams,
) -> Option<Microstructure> {
    let spreads: Vec<Decimal> = books.iter().filter_map(spread_bps).collect();
    let last = books.last()?;
    let imbalance = imbalance_x10000(last.bid_qty, last.ask_qty);
    summarize(
        SpreadSource::Book,
        &spreads,
        imbalance,
        microvol_bps(one_minute),
        params,
    )
}

pub fn from_klines(
    one_minute: &[Kline],
    tick_size: Decimal,
    params: &MicroParams,
) -> Option<Microstructure> {
    let spreads: Vec<Decimal> = one_minute
        .iter()
        .map(|k| kline_spread_proxy_bps(k, tick_size, params))
        .collect();
    summarize(
        SpreadSource::KlineRangeProxy,
        &spreads,
        taker_flow_imbalance_x10000(one_minute),
        microvol_bps(one_minute),
        params,
    )
}

fn taker_flow_imbalance_x10000(one_minute: &[Kline]) -> i64 {
    let mut bought = Decimal::ZERO;
    let mut total = Decimal::ZERO;
    for kline in one_minute {
        if let Some(taker_buy) = kline.taker_buy_base {
            bought += taker_buy;
            total += kline.volume;
        }
    }
    imbalance_x10000(bought, total - bought)
}

fn summarize(
    source: SpreadSource,
    spreads: &[Decimal],
    imbalance_x10000: i64,
    microvol_bps: Decimal,
    params: &MicroParams,
) -> Option<Microstructure> {
    let current = *spreads.last()?;
    let p50 = percentile(spreads, 50)?;
    let p90 = percentile(spreads, 90)?;
    let delta = current - p50;
    let health = if current > params.max_spread_bps {
        SpreadHealth::Wide
    } else if delta > params.max_spread_delta_bps {
        SpreadHealth::Widening
    } else {
        SpreadHealth::Healthy
    };
    Some(Microstructure {
        source,
        spread_bps: current,
        spread_p50_bps: p50,
        spread_p90_bps: p90,
        spread_delta_bps: delta,
        imbalance_x10000,
        microvol_bps,
        health,
    })
}

#[cfg(test)]
#[path = "microstructure_tests.rs"]
mod tests;
