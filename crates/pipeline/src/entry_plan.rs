use rust_decimal::Decimal;
use serde::Serialize;

use crate::exit_plan::{round_down_to, round_up_to};
use crate::indicators::BPS_PER_UNIT;
use crate::{BookTop, Regime};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryMode {
    Auto,
    MakerFirst,
    Ioc,
    Market,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryOrder {
    MakerFirst,
    Ioc,
    Market,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryFallback {
    None,
    Ioc,
    Market,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryParams {
    pub mode: EntryMode,
    pub trend_maker_ttl_ms: i64,
    pub range_maker_ttl_ms: i64,
    pub trend_fallback: EntryFallback,
    pub range_fallback: EntryFallback,
    pub max_taker_premium_bps: Decimal,
    pub max_limit_distance_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCosts {
    pub maker_fee_bps: Decimal,
    pub taker_fee_bps: Decimal,
    pub half_spread_bps: Decimal,
    pub expected_slippage_bps: Decimal,
}

impl EntryCosts {
    pub fn taker_premium_bps(&self) -> Decimal {
        self.taker_fee_bps - self.maker_fee_bps
            + self.half_spread_bps * Decimal::TWO
            + self.expected_slippage_bps
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryChoice {
    pub order: EntryOrder,
    pub ttl_ms: Option<i64>,
    pub fallback: EntryFallback,
    pub limit_price: Option<Decimal>,
    pub reference_price: Decimal,
    pub taker_premium_bps: Decimal,
}

impl EntryChoice {
    pub fn is_maker(&self) -> bool {
        self.order == EntryOrder::MakerFirst
    }
}

pub fn choose_order(
    regime: Regime,
    costs: &EntryCosts,
    params: &EntryParams,
) -> (EntryOrder, EntryFallback) {
    let premium_ok = costs.taker_premium_bps() <= params.max_taker_premium_bps;
    let fallback = match regime {
        Regime::Trend => params.trend_fallback,
        Regime::Range | Regime::NoTrade => params.range_fallback,
    };
    let fallback = if premium_ok {
        fallback
    } else {
        EntryFallback::None
    };
    match params.mode {
        EntryMode::Ioc => (EntryOrder::Ioc, EntryFallback::None),
        EntryMode::Market => (EntryOrder::Market, EntryFallback::None),
        EntryMode::Auto if regime == Regime::Trend && premium_ok => {
            (EntryOrder::Ioc, EntryFallback::None)
        }
        EntryMode::Auto | EntryMode::MakerFirst => (EntryOrder::MakerFirst, fallback),
    }
}

pub fn maker_ttl_ms(regime: Regime, params: &EntryParams) -> i64 {
    match regime {
        Regime::Trend => params.trend_maker_ttl_ms,
        Regime::Range | Regime::NoTrade => params.range_maker_ttl_ms,
    }
}

pub fn plan_entry(
    regime: Regime,
    book: &BookTop,
    tick_size: Decimal,
    costs: &EntryCosts,
    params: &EntryParams,
) -> EntryChoice {
    let (order, fallback) = choose_order(regime, costs, params);
    let limit_price = match order {
        EntryOrder::MakerFirst => Some(maker_limit(book, tick_size, params)),
        EntryOrder::Ioc => Some(ioc_limit(book, tick_size, costs, params)),
        EntryOrder::Market => None,
    };
    EntryChoice {
        order,
        ttl_ms: (order == EntryOrder::MakerFirst).then_some(maker_ttl_ms(regime, params)),
        fallback,
        limit_price,
        reference_price: limit_price.unwrap_or(book.ask_price),
        taker_premium_bps: costs.taker_premium_bps(),
    }
}

pub fn maker_limit(book: &BookTop, tick_size: Decimal, params: &EntryParams) -> Decimal {
    let floor = book.bid_price * (BPS_PER_UNIT - params.max_limit_distance_bps) / BPS_PER_UNIT;
    let touch = round_down_to(book.bid_price, tick_size);
    let below_ask = if touch >= book.ask_price {
        book.ask_price - tick_size
    } else {
        touch
    };
    below_ask
        .max(round_up_to(floor, tick_size))
        .min(book.ask_price - tick_size)
}

pub fn ioc_limit(
    book: &BookTop,
    tick_size: Decimal,
    costs: &EntryCosts,
    params: &EntryParams,
) -> Decimal {
    let wanted = book.ask_price * (BPS_PER_UNIT + costs.expected_slippage_bps) / BPS_PER_UNIT;
    let ceiling = book.ask_price * (BPS_PER_UNIT + params.max_limit_distance_bps) / BPS_PER_UNIT;
    round_down_to(wanted.min(ceiling), tick_size).max(book.ask_price)
}

#[cfg(test)]
#[path = "entry_plan_tests.rs"]
mod tests;
