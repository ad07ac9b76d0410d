use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use livespot_binance::book::DepthUpdate;
use livespot_binance::streams::client::{MarketStreams, StreamConfig};
use livespot_binance::streams::events::{MarketEvent, StreamMessage};
use livespot_binance::streams::health::StreamHealth;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::Selection;
use crate::rest_feed::{SharedStore, lock};
use crate::store::domain_kline;

pub const ALL_MINI_TICKERS: &str = "!miniTicker@arr";

pub fn wanted_streams(selection: &Selection) -> BTreeSet<String> {
    let mut streams = BTreeSet::from([ALL_MINI_TICKERS.to_owned()]);
    for symbol in &selection.candidates {
        streams.insert(format!("{}@kline_1m", symbol.to_lowercase()));
    }
    for symbol in &selection.watchlist {
        let lower = symbol.to_lowercase();
        streams.insert(format!("{lower}@bookTicker"));
        streams.insert(format!("{lower}@depth@100ms"));
    }
    streams
}

fn symbol_of(stream: &str) -> Option<String> {
    let (symbol, _) = stream.split_once('@')?;
    (!symbol.starts_with('!')).then(|| symbol.to_uppercase())
}

pub fn apply(store: &SharedStore, diffs: &mpsc::Sender<DepthUpdate>, message: StreamMessage) {
    let now = Instant::now();
    if let MarketEvent::MiniTickers(tickers) = &message.event {
        let mut store = lock(store);
        for ticker in tickers {
            store.apply_mini_ticker(ticker);
        }
        return;
    }
    let Some(symbol) = symbol_of(&message.stream) else {
        return;
    };
    let mut store = lock(store);
    match message.event {
        MarketEvent::Kline(event) => {
            let bar = event.kline;
            if bar.is_closed
                && let Some(kline) = domain_kline(
                    bar.open_time,
                    bar.close_time,
                    [bar.open, bar.high, bar.low, bar.close, bar.volume],
                )
            {
                store.push_closed_kline(&symbol, kline);
            }
            store.mark_event(&symbol, now);
        }
        MarketEvent::BookTicker(event) => {
            store.set_touch(
                &symbol,
                (event.bid_price, event.bid_qty),
                (event.ask_price, event.ask_qty),
            );
            store.mark_event(&symbol, now);
        }
        MarketEvent::Depth(update) => {
            store.mark_event(&symbol, now);
            if diffs.try_send(update).is_err() {
                tracing::warn!(symbol, "depth diff queue full; the local book will resync");
            }
        }
        _ => {}
    }
}

pub struct StreamFeed {
    pub ws_url: String,
    pub store: SharedStore,
    pub selection: watch::Receiver<Selection>,
    pub diffs: mpsc::Sender<DepthUpdate>,
}

impl StreamFeed {
    pub fn start(self, shutdown: CancellationToken) -> Arc<StreamHealth> {
        let initial = [ALL_MINI_TICKERS.to_owned()];
        let (streams, events) = MarketStreams::spawn(StreamConfig::new(&self.ws_url), &initial);
        let health = Arc::clone(streams.health());
        tokio::spawn(self.run(streams, events, shutdown));
        health
    }

    async fn run(
        mut self,
        streams: MarketStreams,
        mut events: mpsc::Receiver<StreamMessage>,
        shutdown: CancellationToken,
    ) {
        let mut subscribed = BTreeSet::from([ALL_MINI_TICKERS.to_owned()]);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                changed = self.selection.changed() => {
                    if changed.is_err() { break; }
                    let wanted = wanted_streams(&self.selection.borrow_and_update());
                    resubscribe(&streams, &subscribed, &wanted);
                    subscribed = wanted;
                }
                message = events.recv() => match message {
                    Some(message) => apply(&self.store, &self.diffs, message),
                    None => break,
                },
            }
        }
        streams.shutdown().await;
    }
}

fn resubscribe(streams: &MarketStreams, held: &BTreeSet<String>, wanted: &BTreeSet<String>) {
    let dropped: Vec<String> = held.difference(wanted).cloned().collect();
    let added: Vec<String> = wanted.difference(held).cloned().collect();
    if !dropped.is_empty() && !streams.unsubscribe(dropped) {
        tracing::warn!(reason = "WS_STALE_DEGRADE", "stream worker gone");
    }
    if !added.is_empty() && !streams.subscribe(added) {
        tracing::warn!(reason = "WS_STALE_DEGRADE", "stream worker gone");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn books_only_for_the_watchlist_and_klines_for_every_candidate() {
        let selection = Selection {
            candidates: vec!["BTCUSDT".to_owned(), "ETHUSDT".to_owned()],
            watchlist: vec!["BTCUSDT".to_owned()],
        };
        let streams = wanted_streams(&selection);
        assert!(streams.contains("btcusdt@kline_1m"));
        assert!(streams.contains("ethusdt@kline_1m"));
        assert!(streams.contains("btcusdt@depth@100ms"));
        assert!(streams.contains("btcusdt@bookTicker"));
        assert!(!streams.contains("ethusdt@bookTicker"));
        assert!(streams.contains(ALL_MINI_TICKERS));
        assert_eq!(streams.len(), 5);
    }

    #[test]
    fn the_mini_ticker_array_stream_updates_every_listed_ticker() {
        let store: SharedStore = Arc::default();
        let (diffs, _rx) = mpsc::channel(1);
        let text = r#"{"stream":"!miniTicker@arr","data":[{"e":"24hrMiniTicker","E":1,"s":"SOLUSDT","c":"150","o":"120","h":"151","l":"119","v":"1000","q":"150000000"}]}"#;
        let message = livespot_binance::streams::events::parse_combined(text).unwrap();
        apply(&store, &diffs, message);
        let ticker = lock(&store).symbols["SOLUSDT"].ticker.clone().unwrap();
        assert_eq!(
            ticker.quote_volume,
            rust_decimal::Decimal::from(150_000_000)
        );
        assert_eq!(ticker.price_change_percent, rust_decimal::Decimal::from(25));
    }

    #[test]
    fn symbol_comes_from_the_stream_name() {
        assert_eq!(symbol_of("btcusdt@bookTicker").as_deref(), Some("BTCUSDT"));
        assert_eq!(symbol_of(ALL_MINI_TICKERS), None);
    }
}
