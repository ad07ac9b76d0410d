use std::time::Instant;

use livespot_binance::RestClient;
use livespot_binance::book::{DepthUpdate, LocalBook};
use livespot_binance::book_sync::{BookStep, BookSync};
use livespot_binance::rest::market::DepthSnapshot;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::Selection;
use crate::rest_feed::{SharedStore, lock};

pub const BOOK_SNAPSHOT_LIMIT: u32 = 100;
pub const DIFF_QUEUE: usize = 4_096;

pub struct BookTask {
    pub client: RestClient,
    pub store: SharedStore,
    pub selection: watch::Receiver<Selection>,
    pub diffs: mpsc::Receiver<DepthUpdate>,
}

pub fn touch_of(book: &LocalBook) -> Option<DepthSnapshot> {
    let bid = book.best_bid()?;
    let ask = book.best_ask()?;
    Some(DepthSnapshot {
        last_update_id: book.last_update_id(),
        bids: vec![(bid.price, bid.qty)],
        asks: vec![(ask.price, ask.qty)],
    })
}

fn books_for(selection: &Selection) -> BookSync {
    let symbols: Vec<&str> = selection.watchlist.iter().map(String::as_str).collect();
    BookSync::new(&symbols, BOOK_SNAPSHOT_LIMIT)
}

impl BookTask {
    fn publish(&self, sync: &BookSync, symbol: &str) {
        if let Some(depth) = sync.book(symbol).and_then(touch_of) {
            lock(&self.store).set_book(symbol, &depth, Instant::now());
        }
    }

    async fn apply(&self, sync: &mut BookSync, update: DepthUpdate) {
        let symbol = update.symbol.clone();
        match sync.on_diff(update) {
            BookStep::Applied => self.publish(sync, &symbol),
            BookStep::NeedsSnapshot { symbol, gap } => {
                if let Some(gap) = gap {
                    tracing::info!(reason = gap.as_str(), symbol, "local book gap; resyncing");
                }
                match sync.resync(&self.client, &symbol).await {
                    Ok(_) => self.publish(sync, &symbol),
                    Err(error) => {
                        tracing::warn!(reason = error.reason_code().as_str(), symbol, %error, "local book resync failed");
                    }
                }
            }
            BookStep::Buffered | BookStep::Stale | BookStep::Ignored => {}
        }
    }

    pub async fn run(mut self, shutdown: CancellationToken) {
        let mut sync = books_for(&self.selection.borrow());
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                changed = self.selection.changed() => {
                    if changed.is_err() { return; }
                    sync = books_for(&self.selection.borrow_and_update());
                }
                update = self.diffs.recv() => match update {
                    Some(update) => self.apply(&mut sync, update).await,
                    None => return,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn a_synced_local_book_gives_its_touch() {
        let mut book = LocalBook::new();
        assert!(touch_of(&book).is_none());
        let snapshot = DepthSnapshot {
            last_update_id: 10,
            bids: vec![(dec!(99), dec!(1)), (dec!(98), dec!(2))],
            asks: vec![(dec!(101), dec!(3))],
        };
        book.on_snapshot(&snapshot).unwrap();
        let touch = touch_of(&book).unwrap();
        assert_eq!(touch.bids, vec![(dec!(99), dec!(1))]);
        assert_eq!(touch.asks, vec![(dec!(101), dec!(3))]);
        assert_eq!(touch.last_update_id, 10);
    }

    #[test]
    fn books_are_kept_for_watchlist_symbols_only() {
        let selection = Selection {
            candidates: vec!["BTCUSDT".to_owned(), "ETHUSDT".to_owned()],
            watchlist: vec!["BTCUSDT".to_owned()],
        };
        let sync = books_for(&selection);
        assert!(sync.book("BTCUSDT").is_some());
        assert!(sync.book("ETHUSDT").is_none());
    }
}
