use crate::book::{BookError, DepthUpdate, DiffOutcome, LocalBook, SyncReport};
use crate::error::BinanceError;
use crate::rest::client::RestClient;
use livespot_domain::ReasonCode;
use std::collections::BTreeMap;

const SNAPSHOT_ATTEMPTS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookSyncError {
    #[error("depth snapshot request failed: {0}")]
    Snapshot(BinanceError),
    #[error("book could not be synced: {0}")]
    Book(BookError),
    #[error("symbol {0} is not tracked")]
    UnknownSymbol(String),
}

impl BookSyncError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Snapshot(err) => err.reason_code(),
            Self::Book(err) => err.reason_code(),
            Self::UnknownSymbol(_) => ReasonCode::BinanceInvalidRequest,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookStep {
    Applied,
    Buffered,
    Stale,
    Ignored,
    NeedsSnapshot {
        symbol: String,
        gap: Option<ReasonCode>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct BookSync {
    books: BTreeMap<String, LocalBook>,
    depth_limit: u32,
}

impl BookSync {
    pub fn new(symbols: &[&str], depth_limit: u32) -> Self {
        let books = symbols
            .iter()
            .map(|s| (s.to_ascii_uppercase(), LocalBook::new()))
            .collect();
        Self { books, depth_limit }
    }

    pub fn book(&self, symbol: &str) -> Option<&LocalBook> {
        self.books.get(symbol)
    }

    pub fn symbols_needing_snapshot(&self) -> Vec<String> {
        self.books
            .iter()
            .filter(|(_, b)| !b.is_synced())
            .map(|(s, _)| s.clone())
            .collect()
    }

    pub fn on_diff(&mut self, update: DepthUpdate) -> BookStep {
        let symbol = update.symbol.clone();
        let Some(book) = self.books.get_mut(&symbol) else {
            return BookStep::Ignored;
        };
        match book.on_diff(update) {
            Ok(DiffOutcome::Applied) => BookStep::Applied,
            Ok(DiffOutcome::Stale) => BookStep::Stale,
            Ok(DiffOutcome::Buffered)
                if book.first_buffered_id().is_some() && book.buffered_len() == 1 =>
            {
                BookStep::NeedsSnapshot { symbol, gap: None }
            }
            Ok(DiffOutcome::Buffered) => BookStep::Buffered,
            Err(err) => BookStep::NeedsSnapshot {
                symbol,
                gap: Some(err.reason_code()),
            },
        }
    }

    pub async fn resync(
        &mut self,
        rest: &RestClient,
        symbol: &str,
    ) -> Result<SyncReport, BookSyncError> {
        let limit = self.depth_limit;
        let book = self
            .books
            .get_mut(symbol)
            .ok_or_else(|| BookSyncError::UnknownSymbol(symbol.to_owned()))?;
        let mut last = BookError::SnapshotTooOld {
            snapshot: 0,
            first_buffered: 0,
        };
        for _ in 0..SNAPSHOT_ATTEMPTS {
            let snapshot = rest
                .depth(symbol, limit)
                .await
                .map_err(BookSyncError::Snapshot)?;
            match book.on_snapshot(&snapshot) {
                Ok(report) => return Ok(report),
                Err(err @ BookError::SnapshotTooOld { .. }) => last = err,
                Err(err) => return Err(BookSyncError::Book(err)),
            }
        }
        Err(BookSyncError::Book(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn diff(first: u64, last: u64) -> DepthUpdate {
        DepthUpdate {
            event_time: 0,
            symbol: "BTCUSDT".into(),
            first_update_id: first,
            final_update_id: last,
            bids: vec![(dec!(1), dec!(1))],
            asks: vec![(dec!(2), dec!(1))],
        }
    }

    #[test]
    fn first_diff_and_gap_ask_for_a_snapshot_and_unknown_symbols_are_ignored() {
        let mut sync = BookSync::new(&["btcusdt"], 1000);
        let first = sync.on_diff(diff(10, 12));
        assert_eq!(
            first,
            BookStep::NeedsSnapshot {
                symbol: "BTCUSDT".into(),
                gap: None
            }
        );
        assert_eq!(sync.on_diff(diff(13, 14)), BookStep::Buffered);
        let mut other = diff(1, 2);
        other.symbol = "ETHUSDT".into();
        assert_eq!(sync.on_diff(other), BookStep::Ignored);
        assert_eq!(sync.symbols_needing_snapshot(), vec!["BTCUSDT".to_owned()]);
    }
}
