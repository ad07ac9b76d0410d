use std::collections::BTreeMap;

use livespot_marketdata::SnapshotMessage;
use livespot_pipeline::{BookTop, Kline};

pub const HELD_MINUTES: usize = 2_000;
pub const HELD_BOOKS: usize = 120;

#[derive(Debug, Clone)]
pub struct SymbolInput {
    pub latest: SnapshotMessage,
    pub one_minute: Vec<Kline>,
    pub books: Vec<BookTop>,
}

#[derive(Debug, Default)]
pub struct MarketBook {
    pub symbols: BTreeMap<String, SymbolInput>,
}

pub fn pipeline_kline(kline: &livespot_domain::Kline) -> Kline {
    Kline {
        open_time_ms: kline.open_time_ms,
        open: kline.open.value(),
        high: kline.high.value(),
        low: kline.low.value(),
        close: kline.close.value(),
        volume: kline.volume.value(),
        close_time_ms: kline.close_time_ms,
        quote_volume: None,
        trades: None,
        taker_buy_base: None,
        taker_buy_quote: None,
    }
}

fn book_top(message: &SnapshotMessage) -> Option<BookTop> {
    let bid = message.snapshot.bids.first()?;
    let ask = message.snapshot.asks.first()?;
    Some(BookTop {
        bid_price: bid.price.value(),
        bid_qty: bid.quantity.value(),
        ask_price: ask.price.value(),
        ask_qty: ask.quantity.value(),
    })
}

fn merge_minutes(held: &mut Vec<Kline>, incoming: &[livespot_domain::Kline]) -> bool {
    let before = held.last().map(|k| k.open_time_ms);
    for kline in incoming {
        match held.last() {
            Some(last) if last.open_time_ms >= kline.open_time_ms => {}
            _ => held.push(pipeline_kline(kline)),
        }
    }
    let excess = held.len().saturating_sub(HELD_MINUTES);
    held.drain(..excess);
    held.last().map(|k| k.open_time_ms) != before
}

impl MarketBook {
    pub fn ingest(&mut self, message: SnapshotMessage) -> bool {
        let symbol = message.snapshot.symbol.as_str().to_owned();
        let top = book_top(&message);
        let input = self.symbols.entry(symbol).or_insert_with(|| SymbolInput {
            latest: message.clone(),
            one_minute: Vec::new(),
            books: Vec::new(),
        });
        let closed = merge_minutes(&mut input.one_minute, &message.snapshot.klines);
        if let Some(top) = top {
            input.books.push(top);
            let excess = input.books.len().saturating_sub(HELD_BOOKS);
            input.books.drain(..excess);
        }
        input.latest = message;
        closed
    }
}
