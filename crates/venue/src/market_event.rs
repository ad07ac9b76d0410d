use std::sync::Arc;

use rust_decimal::Decimal;

use crate::book::DepthDiff;
use crate::market::PublicTrade;
use crate::market::kline::Kline;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats24 {
    pub open: Decimal,
    pub high: Decimal,
    pub low: Decimal,
    pub last: Decimal,
    pub volume: Decimal,
    pub quote_volume: Decimal,
    pub open_time: i64,
    pub first_id: i64,
    pub last_id: i64,
    pub count: u64,
}

#[derive(Debug, Clone)]
pub struct SymbolSnapshot {
    pub symbol: String,
    pub update_id: u64,
    pub bids: Vec<(Decimal, Decimal)>,
    pub asks: Vec<(Decimal, Decimal)>,
    pub recent_1m: Vec<Kline>,
    pub stats: Stats24,
}

#[derive(Debug, Clone)]
pub struct TickSnapshot {
    pub tick: u64,
    pub time: i64,
    pub previous_time: i64,
    pub symbols: Vec<SymbolSnapshot>,
}

#[derive(Debug, Clone)]
pub enum MarketEvent {
    Trades {
        symbol: String,
        time: i64,
        trades: Vec<PublicTrade>,
    },
    Depth {
        symbol: String,
        time: i64,
        diff: DepthDiff,
    },
    DepthSecond {
        symbol: String,
        time: i64,
        diff: DepthDiff,
    },
    Tick(Arc<TickSnapshot>),
    ServerShutdown {
        time: i64,
    },
}

pub fn stats_24h(history: &[Kline], current: &Kline, now: i64) -> Stats24 {
    let from = now - 86_400_000;
    let window: Vec<&Kline> = history
        .iter()
        .chain(std::iter::once(current))
        .filter(|k| k.open_time >= from)
        .collect();
    let first = window.first().copied().unwrap_or(current);
    let open = first.open;
    let mut stats = Stats24 {
        open,
        high: open,
        low: open,
        last: current.close,
        volume: Decimal::ZERO,
        quote_volume: Decimal::ZERO,
        open_time: first.open_time,
        first_id: -1,
        last_id: -1,
        count: 0,
    };
    for k in window {
        stats.high = stats.high.max(k.high);
        stats.low = stats.low.min(k.low);
        stats.volume += k.volume;
        stats.quote_volume += k.quote_volume;
        stats.count += k.trades;
        if stats.first_id < 0 && k.first_trade_id >= 0 {
            stats.first_id = k.first_trade_id;
        }
        if k.last_trade_id >= 0 {
            stats.last_id = k.last_trade_id;
        }
    }
    stats
}
