#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "benchmark fails loudly"
)]

use flate2::read::GzDecoder;
use livespot_binance::ApiSecret;
use livespot_binance::book::LocalBook;
use livespot_binance::rest::market::DepthSnapshot;
use livespot_binance::signing::{encode_params, hmac_sha256_hex};
use livespot_binance::streams::events::{MarketEvent, parse_combined};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;

const SIGN_ROUNDS: u32 = 100_000;

fn shared(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(relative);
    path.exists().then_some(path)
}

fn bench_signing() {
    let secret = ApiSecret::new("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
    let params: Vec<(String, String)> = [
        ("symbol", "BTCUSDT"),
        ("side", "BUY"),
        ("type", "LIMIT"),
        ("quantity", "0.001"),
        ("price", "61837.63"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let started = Instant::now();
    let mut total = 0_usize;
    for round in 0..SIGN_ROUNDS {
        let mut with_ts = params.clone();
        with_ts.push(("timestamp".into(), round.to_string()));
        total += hmac_sha256_hex(&secret, &encode_params(&with_ts)).len();
    }
    let elapsed = started.elapsed();
    let each_ns = elapsed.as_nanos() / u128::from(SIGN_ROUNDS);
    println!(
        "signing: {SIGN_ROUNDS} encode+sign in {elapsed:?} = {each_ns} ns each ({total} hex chars)"
    );
}

fn bench_book_replay() {
    let (Some(capture), Some(snapshot)) = (
        shared("data/ws_capture/binance_spot_btcusdt_20240809.jsonl.gz"),
        shared("data/depth/BTCUSDT-depth-snapshot-lastUpdateId50093239218.json"),
    ) else {
        println!("SKIP book replay: shared data not found");
        return;
    };
    let lines: Vec<String> = BufReader::new(GzDecoder::new(std::fs::File::open(capture).unwrap()))
        .lines()
        .map(Result::unwrap)
        .collect();
    let snapshot: DepthSnapshot =
        serde_json::from_str(&std::fs::read_to_string(snapshot).unwrap()).unwrap();
    let started = Instant::now();
    let mut diffs = Vec::new();
    for line in &lines {
        let Some((_, json)) = line.split_once(' ') else {
            continue;
        };
        if let Ok(MarketEvent::Depth(update)) = parse_combined(json).map(|m| m.event) {
            diffs.push(update);
        }
    }
    let parsed = started.elapsed();
    let mut book = LocalBook::new();
    let first_u = diffs.first().map_or(0, |d| d.first_update_id);
    let mut snapshot = snapshot;
    snapshot.last_update_id = first_u - 1;
    book.on_snapshot(&snapshot).unwrap();
    let started = Instant::now();
    let count = diffs.len();
    for diff in diffs {
        book.on_diff(diff).unwrap();
    }
    let applied = started.elapsed();
    println!("stream parse: {} lines in {parsed:?}", lines.len());
    let each_ns = applied.as_nanos() / u128::try_from(count.max(1)).unwrap_or(1);
    println!("book apply: {count} depth diffs in {applied:?} = {each_ns} ns each");
}

fn main() {
    bench_signing();
    bench_book_replay();
}
