use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use livespot_binance::rest::market::DepthSnapshot;
use livespot_binance::streams::events::MiniTickerEvent;
use livespot_domain::{Kline, Price, Quantity};
use rust_decimal::Decimal;

use crate::FiltersView;

pub const MAX_HELD_KLINES: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TickerView {
    pub last_price: Decimal,
    pub quote_volume: Decimal,
    pub price_change_percent: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookView {
    pub bids: Vec<(Decimal, Decimal)>,
    pub asks: Vec<(Decimal, Decimal)>,
    pub update_id: u64,
}

#[derive(Debug, Clone, Default)]
pub struct SymbolMarket {
    pub filters: Option<FiltersView>,
    pub ticker: Option<TickerView>,
    pub klines: Vec<Kline>,
    pub book: Option<BookView>,
    pub last_event: Option<Instant>,
}

#[derive(Debug, Default)]
pub struct MarketStore {
    pub symbols: BTreeMap<String, SymbolMarket>,
    pub rest_ok_at: Option<Instant>,
    pub rest_latency: Option<Duration>,
}

pub fn domain_kline(open_time_ms: i64, close_time_ms: i64, ohlcv: [Decimal; 5]) -> Option<Kline> {
    let [open, high, low, close, volume] = ohlcv;
    Some(Kline {
        open_time_ms,
        close_time_ms,
        open: Price::new(open).ok()?,
        high: Price::new(high).ok()?,
        low: Price::new(low).ok()?,
        close: Price::new(close).ok()?,
        volume: Quantity::new(volume).ok()?,
    })
}

impl MarketStore {
    pub fn entry(&mut self, symbol: &str) -> &mut SymbolMarket {
        self.symbols.entry(symbol.to_owned()).or_default()
    }

    pub fn push_closed_kline(&mut self, symbol: &str, kline: Kline) {
        let market = self.entry(symbol);
        match market.klines.last() {
            Some(last) if last.open_time_ms == kline.open_time_ms => {
                if let Some(slot) = market.klines.last_mut() {
                    *slot = kline;
                }
            }
            Some(last) if last.open_time_ms > kline.open_time_ms => return,
            _ => market.klines.push(kline),
        }
        let excess = market.klines.len().saturating_sub(MAX_HELD_KLINES);
        market.klines.drain(..excess);
    }

    pub fn replace_klines(&mut self, symbol: &str, klines: Vec<Kline>) {
        let market = self.entry(symbol);
        let mut merged = klines;
        for held in &market.klines {
            if merged
                .last()
                .is_none_or(|last| last.open_time_ms < held.open_time_ms)
            {
                merged.push(held.clone());
            }
        }
        let excess = merged.len().saturating_sub(MAX_HELD_KLINES);
        merged.drain(..excess);
        market.klines = merged;
    }

    pub fn set_book(&mut self, symbol: &str, depth: &DepthSnapshot, at: Instant) {
        let keep = |levels: &[(Decimal, Decimal)]| {
            levels
                .iter()
                .filter(|(price, quantity)| *price > Decimal::ZERO && *quantity > Decimal::ZERO)
                .copied()
                .collect::<Vec<_>>()
        };
        let market = self.entry(symbol);
        market.book = Some(BookView {
            bids: keep(&depth.bids),
            asks: keep(&depth.asks),
            update_id: depth.last_update_id,
        });
        market.last_event = Some(at);
    }

    pub fn set_touch(&mut self, symbol: &str, bid: (Decimal, Decimal), ask: (Decimal, Decimal)) {
        let market = self.entry(symbol);
        let book = market.book.get_or_insert_with(BookView::default);
        if book.bids.first().is_none_or(|level| level.0 != bid.0) {
            book.bids.retain(|level| level.0 < bid.0);
            book.bids.insert(0, bid);
        }
        if book.asks.first().is_none_or(|level| level.0 != ask.0) {
            book.asks.retain(|level| level.0 > ask.0);
            book.asks.insert(0, ask);
        }
    }

    pub fn apply_mini_ticker(&mut self, event: &MiniTickerEvent) {
        let change_percent = if event.open.is_zero() {
            Decimal::ZERO
        } else {
            ((event.close - event.open) / event.open * Decimal::ONE_HUNDRED).round_dp(3)
        };
        self.entry(&event.symbol).ticker = Some(TickerView {
            last_price: event.close,
            quote_volume: event.quote_volume,
            price_change_percent: change_percent,
        });
    }

    pub fn mark_event(&mut self, symbol: &str, at: Instant) {
        self.entry(symbol).last_event = Some(at);
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn kline(open_time_ms: i64, close: Decimal) -> Kline {
        domain_kline(
            open_time_ms,
            open_time_ms + 59_999,
            [close, close, close, close, dec!(1)],
        )
        .unwrap()
    }

    #[test]
    fn closed_klines_append_in_order_replace_same_minute_and_ignore_older() {
        let mut store = MarketStore::default();
        store.push_closed_kline("BTCUSDT", kline(60_000, dec!(1)));
        store.push_closed_kline("BTCUSDT", kline(120_000, dec!(2)));
        store.push_closed_kline("BTCUSDT", kline(120_000, dec!(3)));
        store.push_closed_kline("BTCUSDT", kline(60_000, dec!(9)));
        let held = &store.symbols["BTCUSDT"].klines;
        assert_eq!(held.len(), 2);
        assert_eq!(held[1].close.value(), dec!(3));
        assert_eq!(held[0].close.value(), dec!(1));
    }

    #[test]
    fn backfill_keeps_newer_stream_klines_after_it() {
        let mut store = MarketStore::default();
        store.push_closed_kline("ETHUSDT", kline(180_000, dec!(5)));
        store.replace_klines(
            "ETHUSDT",
            vec![kline(60_000, dec!(1)), kline(120_000, dec!(2))],
        );
        let opens: Vec<i64> = store.symbols["ETHUSDT"]
            .klines
            .iter()
            .map(|k| k.open_time_ms)
            .collect();
        assert_eq!(opens, vec![60_000, 120_000, 180_000]);
    }

    #[test]
    fn a_mini_ticker_array_refreshes_the_24h_figures_between_rest_refreshes() {
        let mut store = MarketStore::default();
        store.entry("BTCUSDT").ticker = Some(TickerView {
            last_price: dec!(60000),
            quote_volume: dec!(1000),
            price_change_percent: dec!(0),
        });
        let text = r#"{"stream":"!miniTicker@arr","data":[
            {"e":"24hrMiniTicker","E":1,"s":"BTCUSDT","c":"66000","o":"60000","h":"66500","l":"59000","v":"100","q":"25000000"},
            {"e":"24hrMiniTicker","E":1,"s":"ETHUSDT","c":"3000","o":"3000","h":"3100","l":"2900","v":"10","q":"30000"}]}"#;
        let message = livespot_binance::streams::events::parse_combined(text).unwrap();
        let livespot_binance::streams::events::MarketEvent::MiniTickers(events) = message.event
        else {
            panic!("not parsed as a mini ticker array");
        };
        for event in &events {
            store.apply_mini_ticker(event);
        }
        let btc = store.symbols["BTCUSDT"].ticker.clone().unwrap();
        assert_eq!(
            (btc.last_price, btc.quote_volume, btc.price_change_percent),
            (dec!(66000), dec!(25000000), dec!(10))
        );
        assert_eq!(
            store.symbols["ETHUSDT"]
                .ticker
                .clone()
                .unwrap()
                .quote_volume,
            dec!(30000)
        );
    }

    #[test]
    fn touch_update_drops_levels_that_crossed_it() {
        let mut store = MarketStore::default();
        let depth = DepthSnapshot {
            last_update_id: 7,
            bids: vec![(dec!(10), dec!(1)), (dec!(9), dec!(1)), (dec!(8), dec!(0))],
            asks: vec![(dec!(11), dec!(1)), (dec!(12), dec!(1))],
        };
        store.set_book("BTCUSDT", &depth, Instant::now());
        store.set_touch("BTCUSDT", (dec!(9.5), dec!(2)), (dec!(11.5), dec!(3)));
        let book = store.symbols["BTCUSDT"].book.clone().unwrap();
        assert_eq!(book.bids, vec![(dec!(9.5), dec!(2)), (dec!(9), dec!(1))]);
        assert_eq!(book.asks, vec![(dec!(11.5), dec!(3)), (dec!(12), dec!(1))]);
    }
}
