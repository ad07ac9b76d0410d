#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly on bad fixtures"
)]

mod common;

use flate2::read::GzDecoder;
use livespot_binance::book::{DiffOutcome, Level, LocalBook};
use livespot_binance::rest::market::DepthSnapshot;
use livespot_binance::streams::events::{BookTickerEvent, MarketEvent, parse_combined};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

#[derive(Default)]
struct Replay {
    book: LocalBook,
    top_by_update_id: HashMap<u64, (Level, Level)>,
    pending_tickers: HashMap<u64, BookTickerEvent>,
    first_applied: Option<(u64, u64)>,
    dropped: usize,
    applied: usize,
    gaps: usize,
    compared: usize,
    differences: usize,
}

impl Replay {
    fn on_snapshot(&mut self, snapshot: &DepthSnapshot) {
        let report = self.book.on_snapshot(snapshot).expect("snapshot syncs");
        self.dropped += report.dropped;
        self.applied += report.applied;
        self.first_applied = report.first_applied;
        if report.applied > 0 {
            self.record_top();
        }
    }

    fn on_diff(&mut self, update: livespot_binance::book::DepthUpdate) {
        let ids = (update.first_update_id, update.final_update_id);
        match self.book.on_diff(update) {
            Ok(DiffOutcome::Applied) => {
                self.applied += 1;
                self.first_applied.get_or_insert(ids);
                self.record_top();
            }
            Ok(DiffOutcome::Stale) => self.dropped += 1,
            Ok(DiffOutcome::Buffered) => {}
            Err(_) => self.gaps += 1,
        }
    }

    fn record_top(&mut self) {
        let (Some(bid), Some(ask)) = (self.book.best_bid(), self.book.best_ask()) else {
            return;
        };
        let id = self.book.last_update_id();
        self.top_by_update_id.insert(id, (bid, ask));
        if let Some(ticker) = self.pending_tickers.remove(&id) {
            self.compare(&ticker, bid, ask);
        }
    }

    fn on_book_ticker(&mut self, ticker: BookTickerEvent) {
        if let Some((bid, ask)) = self.top_by_update_id.get(&ticker.update_id).copied() {
            self.compare(&ticker, bid, ask);
        } else if !self.book.is_synced() || ticker.update_id > self.book.last_update_id() {
            self.pending_tickers.insert(ticker.update_id, ticker);
        }
    }

    fn compare(&mut self, ticker: &BookTickerEvent, bid: Level, ask: Level) {
        self.compared += 1;
        let same = bid.price == ticker.bid_price
            && bid.qty == ticker.bid_qty
            && ask.price == ticker.ask_price
            && ask.qty == ticker.ask_qty;
        if !same {
            self.differences += 1;
        }
    }

    fn feed_line(&mut self, json: &str, snapshot: &DepthSnapshot) {
        if json.starts_with("{\"lastUpdateId\"") {
            self.on_snapshot(snapshot);
            return;
        }
        match parse_combined(json).expect("capture line parses").event {
            MarketEvent::Depth(update) => self.on_diff(update),
            MarketEvent::BookTicker(ticker) => self.on_book_ticker(ticker),
            _ => {}
        }
    }
}

fn replay_file(replay: &mut Replay, path: &Path, snapshot: &DepthSnapshot) {
    let file = std::fs::File::open(path).expect("capture opens");
    for line in BufReader::new(GzDecoder::new(file)).lines() {
        let line = line.expect("capture line");
        let Some((_, json)) = line.split_once(' ') else {
            continue;
        };
        replay.feed_line(json, snapshot);
    }
}

fn replay_symbol(symbol: &str, snapshot_file: &str) -> Option<Replay> {
    let snapshot_path = common::shared_or_skip(&format!("data/depth/{snapshot_file}"))?;
    let snapshot: DepthSnapshot =
        serde_json::from_str(&std::fs::read_to_string(snapshot_path).expect("snapshot"))
            .expect("snapshot parses");
    let mut replay = Replay::default();
    for day in ["20240808", "20240809"] {
        let path = common::shared_or_skip(&format!(
            "data/ws_capture/binance_spot_{symbol}_{day}.jsonl.gz"
        ))?;
        replay_file(&mut replay, &path, &snapshot);
    }
    Some(replay)
}

fn assert_replay(replay: &Replay, first: (u64, u64), symbol: &str) {
    println!(
        "{symbol}: applied {} dropped {} gaps {} bookTicker compared {} differences {}",
        replay.applied, replay.dropped, replay.gaps, replay.compared, replay.differences
    );
    assert_eq!(replay.first_applied, Some(first), "{symbol} first event");
    assert_eq!(replay.dropped, 2, "{symbol} dropped");
    assert_eq!(replay.gaps, 0, "{symbol} gaps");
    assert!(
        replay.compared > 1000,
        "{symbol} compared only {}",
        replay.compared
    );
    assert_eq!(replay.differences, 0, "{symbol} differences");
}

#[test]
fn btcusdt_capture_replays_through_the_local_book_and_matches_book_ticker() {
    let Some(replay) = replay_symbol(
        "btcusdt",
        "BTCUSDT-depth-snapshot-lastUpdateId50093239218.json",
    ) else {
        return;
    };
    assert_replay(&replay, (50_093_239_208, 50_093_239_224), "BTCUSDT");
    assert_eq!(replay.applied, 6_493);
}

#[test]
fn ethusdt_capture_replays_through_the_local_book_and_matches_book_ticker() {
    let Some(replay) = replay_symbol(
        "ethusdt",
        "ETHUSDT-depth-snapshot-lastUpdateId35346513512.json",
    ) else {
        return;
    };
    assert_replay(&replay, (35_346_513_513, 35_346_513_514), "ETHUSDT");
    assert_eq!(replay.applied, 6_468);
}
