use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::book::DepthDiff;
use crate::market::PublicTrade;
use crate::market::kline::{aggregate, interval_ms};
use crate::market_event::{MarketEvent, SymbolSnapshot, TickSnapshot};
use crate::num::fmt8;
use crate::rest::levels_json;

const SLOW_EVERY_TICKS: u64 = 10;
const KLINE_EVERY_TICKS: u64 = 20;
const KLINE_INTERVALS: [&str; 8] = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h"];
const PARTIAL_LEVELS: [usize; 3] = [5, 10, 20];

pub type Outgoing = Vec<(String, Value)>;

fn trade_json(symbol: &str, time: i64, trade: &PublicTrade) -> Value {
    json!({"e": "trade", "E": time, "s": symbol, "t": trade.id, "p": fmt8(trade.price), "q": fmt8(trade.qty), "T": trade.time, "m": trade.buyer_is_maker, "M": true})
}

fn agg_trade_json(symbol: &str, time: i64, trade: &PublicTrade) -> Value {
    json!({"e": "aggTrade", "E": time, "s": symbol, "a": trade.id, "p": fmt8(trade.price), "q": fmt8(trade.qty), "f": trade.id, "l": trade.id, "T": trade.time, "m": trade.buyer_is_maker, "M": true})
}

fn mini_ticker_json(snap: &SymbolSnapshot, time: i64) -> Value {
    let s = &snap.stats;
    json!({"e": "24hrMiniTicker", "E": time, "s": snap.symbol, "c": fmt8(s.last), "o": fmt8(s.open), "h": fmt8(s.high), "l": fmt8(s.low), "v": fmt8(s.volume), "q": fmt8(s.quote_volume)})
}

fn ticker_json(snap: &SymbolSnapshot, time: i64) -> Value {
    let s = &snap.stats;
    let change = s.last - s.open;
    let percent = if s.open.is_zero() {
        rust_decimal::Decimal::ZERO
    } else {
        (change / s.open * rust_decimal::Decimal::ONE_HUNDRED).round_dp(3)
    };
    let weighted = if s.volume.is_zero() {
        s.last
    } else {
        (s.quote_volume / s.volume).round_dp(8)
    };
    let (bid, bid_qty) = snap.bids.first().copied().unwrap_or_default();
    let (ask, ask_qty) = snap.asks.first().copied().unwrap_or_default();
    json!({
        "e": "24hrTicker", "E": time, "s": snap.symbol, "p": fmt8(change), "P": percent.to_string(), "w": fmt8(weighted),
        "x": fmt8(s.open), "c": fmt8(s.last), "Q": "0.00000000", "b": fmt8(bid), "B": fmt8(bid_qty), "a": fmt8(ask), "A": fmt8(ask_qty),
        "o": fmt8(s.open), "h": fmt8(s.high), "l": fmt8(s.low), "v": fmt8(s.volume), "q": fmt8(s.quote_volume),
        "O": s.open_time, "C": time, "F": s.first_id, "L": s.last_id, "n": s.count
    })
}

fn book_ticker_json(snap: &SymbolSnapshot) -> Value {
    let (bid, bid_qty) = snap.bids.first().copied().unwrap_or_default();
    let (ask, ask_qty) = snap.asks.first().copied().unwrap_or_default();
    json!({"u": snap.update_id, "s": snap.symbol, "b": fmt8(bid), "B": fmt8(bid_qty), "a": fmt8(ask), "A": fmt8(ask_qty)})
}

fn partial_depth_json(snap: &SymbolSnapshot, levels: usize) -> Value {
    let bids: Vec<_> = snap.bids.iter().take(levels).copied().collect();
    let asks: Vec<_> = snap.asks.iter().take(levels).copied().collect();
    json!({"lastUpdateId": snap.update_id, "bids": levels_json(&bids), "asks": levels_json(&asks)})
}

fn kline_events(snap: &SymbolSnapshot, tick: &TickSnapshot, interval: &str) -> Vec<Value> {
    let Some(length) = interval_ms(interval) else {
        return Vec::new();
    };
    let candles = aggregate(&snap.recent_1m, length);
    let Some(current) = candles.last() else {
        return Vec::new();
    };
    let mut events = Vec::new();
    let just_closed = tick.previous_time < current.open_time;
    let closed = candles.len().checked_sub(2).and_then(|i| candles.get(i));
    if let (true, Some(closed)) = (just_closed, closed) {
        events.push(json!({"e": "kline", "E": tick.time, "s": snap.symbol, "k": closed.stream_body(&snap.symbol, interval, true)}));
    }
    if just_closed || tick.tick.is_multiple_of(KLINE_EVERY_TICKS) {
        events.push(json!({"e": "kline", "E": tick.time, "s": snap.symbol, "k": current.stream_body(&snap.symbol, interval, false)}));
    }
    events
}

fn symbol_tick(
    snap: &SymbolSnapshot,
    tick: &TickSnapshot,
    subs: &BTreeSet<String>,
    out: &mut Outgoing,
) {
    let lower = snap.symbol.to_lowercase();
    let slow = tick.tick.is_multiple_of(SLOW_EVERY_TICKS);
    let mut push = |name: String, value: Value| {
        if subs.contains(&name) {
            out.push((name, value));
        }
    };
    push(format!("{lower}@bookTicker"), book_ticker_json(snap));
    for levels in PARTIAL_LEVELS {
        push(
            format!("{lower}@depth{levels}@100ms"),
            partial_depth_json(snap, levels),
        );
        if slow {
            push(
                format!("{lower}@depth{levels}"),
                partial_depth_json(snap, levels),
            );
        }
    }
    if slow {
        push(
            format!("{lower}@miniTicker"),
            mini_ticker_json(snap, tick.time),
        );
        push(format!("{lower}@ticker"), ticker_json(snap, tick.time));
    }
    for interval in KLINE_INTERVALS {
        let name = format!("{lower}@kline_{interval}");
        if subs.contains(&name) {
            for event in kline_events(snap, tick, interval) {
                out.push((name.clone(), event));
            }
        }
    }
}

fn tick_events(tick: &TickSnapshot, subs: &BTreeSet<String>) -> Outgoing {
    let mut out = Vec::new();
    for snap in &tick.symbols {
        symbol_tick(snap, tick, subs, &mut out);
    }
    if tick.tick.is_multiple_of(SLOW_EVERY_TICKS) && subs.contains("!miniTicker@arr") {
        let all: Vec<Value> = tick
            .symbols
            .iter()
            .map(|s| mini_ticker_json(s, tick.time))
            .collect();
        out.push(("!miniTicker@arr".to_owned(), json!(all)));
    }
    out
}

fn diff_event(
    name: &str,
    symbol: &str,
    time: i64,
    diff: &DepthDiff,
    subs: &BTreeSet<String>,
) -> Outgoing {
    if !subs.contains(name) {
        return Vec::new();
    }
    let payload = json!({"e": "depthUpdate", "E": time, "s": symbol, "U": diff.first_update_id, "u": diff.final_update_id, "b": levels_json(&diff.bids), "a": levels_json(&diff.asks)});
    vec![(name.to_owned(), payload)]
}

pub fn render(event: &MarketEvent, subs: &BTreeSet<String>) -> Outgoing {
    match event {
        MarketEvent::Trades {
            symbol,
            time,
            trades,
        } => {
            let lower = symbol.to_lowercase();
            let trade_name = format!("{lower}@trade");
            let agg_name = format!("{lower}@aggTrade");
            let mut out = Vec::new();
            for trade in trades {
                if subs.contains(&trade_name) {
                    out.push((trade_name.clone(), trade_json(symbol, *time, trade)));
                }
                if subs.contains(&agg_name) {
                    out.push((agg_name.clone(), agg_trade_json(symbol, *time, trade)));
                }
            }
            out
        }
        MarketEvent::Depth { symbol, time, diff } => diff_event(
            &format!("{}@depth@100ms", symbol.to_lowercase()),
            symbol,
            *time,
            diff,
            subs,
        ),
        MarketEvent::DepthSecond { symbol, time, diff } => diff_event(
            &format!("{}@depth", symbol.to_lowercase()),
            symbol,
            *time,
            diff,
            subs,
        ),
        MarketEvent::Tick(tick) => tick_events(tick, subs),
        MarketEvent::ServerShutdown { time } => vec![(
            "!serverShutdown".to_owned(),
            json!({"e": "serverShutdown", "E": time}),
        )],
    }
}
