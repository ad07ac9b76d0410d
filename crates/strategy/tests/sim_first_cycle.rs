#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests: a failed setup step must fail the test"
)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use livespot_binance::{ClientConfig, RestClient};
use livespot_config::Config;
use livespot_domain::{FixedClock, Kline};
use livespot_marketdata::{
    BookView, FiltersView, SnapshotClock, SymbolMarket, TickerView, build_message, domain_kline,
};
use livespot_strategy::{CycleEngine, MarketBook};
use livespot_venue::{MarketProfile, SimOptions};
use rust_decimal::Decimal;

const SYMBOLS: [&str; 5] = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"];
const LAUNCHER_SEED: u64 = 1;
const CONFIG_SEED: u64 = 42;
const GRID_MINUTES: usize = 15;

struct Fetched {
    filters: FiltersView,
    ticker: TickerView,
    klines: Vec<Kline>,
}

async fn fetch(profile: MarketProfile, seed: u64) -> BTreeMap<String, Fetched> {
    let sim = livespot_venue::spawn(SimOptions {
        seed,
        profile,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let client = RestClient::new(
        ClientConfig::local(&sim.rest_url, &sim.ws_url, &sim.ws_api_url),
        None,
    )
    .unwrap();
    let info = client.exchange_info(&[]).await.unwrap();
    let tickers = client.ticker_24h_all().await.unwrap();
    let mut fetched = BTreeMap::new();
    for symbol in SYMBOLS {
        let raw = client.klines(symbol, "1m", 1000).await.unwrap();
        let klines: Vec<Kline> = raw[..raw.len() - 1]
            .iter()
            .map(|k| {
                domain_kline(
                    k.open_time(),
                    k.close_time(),
                    [k.open(), k.high(), k.low(), k.close(), k.volume()],
                )
                .unwrap()
            })
            .collect();
        let info = info.symbols.iter().find(|s| s.symbol == symbol).unwrap();
        let ticker = tickers.iter().find(|t| t.symbol == symbol).unwrap();
        let view = TickerView {
            last_price: ticker.last_price,
            quote_volume: ticker.quote_volume,
            price_change_percent: ticker.price_change_percent.unwrap_or_default(),
        };
        let filters = FiltersView::from_symbol(info);
        fetched.insert(
            symbol.to_owned(),
            Fetched {
                filters,
                ticker: view,
                klines,
            },
        );
    }
    fetched
}

fn shifted(klines: &[Kline], minutes: usize) -> Vec<Kline> {
    let shift = i64::try_from(minutes).unwrap() * 60_000;
    klines
        .iter()
        .map(|k| Kline {
            open_time_ms: k.open_time_ms + shift,
            close_time_ms: k.close_time_ms + shift,
            ..k.clone()
        })
        .collect()
}

fn book_for(fetched: &BTreeMap<String, Fetched>, start_minute: usize) -> (MarketBook, i64) {
    let mut book = MarketBook::default();
    let mut now_ms = 0;
    for (seq, (symbol, data)) in fetched.iter().enumerate() {
        let klines = shifted(&data.klines, start_minute);
        let last = klines.last().unwrap();
        let close = last.close.value();
        let tick = data.filters.tick_size;
        now_ms = last.close_time_ms + 1;
        let market = SymbolMarket {
            filters: Some(data.filters.clone()),
            ticker: Some(data.ticker.clone()),
            klines,
            book: Some(BookView {
                bids: vec![(close - tick, Decimal::ONE)],
                asks: vec![(close, Decimal::ONE)],
                update_id: 1,
            }),
            last_event: Some(Instant::now()),
        };
        let clock = SnapshotClock {
            now: Instant::now(),
            now_ms,
            rest_age: Duration::from_secs(1),
            seq: u64::try_from(seq).unwrap(),
        };
        book.ingest(
            build_message(symbol, &market, 1000, clock)
                .unwrap()
                .unwrap(),
        );
    }
    (book, now_ms)
}

fn first_cycle_entries(fetched: &BTreeMap<String, Fetched>, start_minute: usize) -> Vec<String> {
    let config = Config::shipped().unwrap();
    let mut engine = CycleEngine::new(&config, "CYC-SIM".to_owned());
    let (book, now_ms) = book_for(fetched, start_minute);
    let report = engine.run_cycle(&book, &FixedClock::new(now_ms)).unwrap();
    report
        .outcomes
        .iter()
        .filter(|o| o.assessment.is_entry())
        .map(|o| o.symbol.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_profile_gives_entries_in_the_first_cycle_wherever_the_session_starts_in_the_15m_grid()
 {
    let mut per_start: Vec<(u64, usize, Vec<String>)> = Vec::new();
    for seed in [LAUNCHER_SEED, CONFIG_SEED] {
        let fetched = fetch(MarketProfile::Trending, seed).await;
        for start in 0..GRID_MINUTES {
            per_start.push((seed, start, first_cycle_entries(&fetched, start)));
        }
    }
    println!("entries per start minute in the 15m grid: {per_start:?}");
    let thin: Vec<&(u64, usize, Vec<String>)> = per_start
        .iter()
        .filter(|(_, _, entries)| entries.len() < 2)
        .collect();
    assert!(
        thin.is_empty(),
        "starts with fewer than 2 entries: {thin:?} of {per_start:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_choppy_market_gives_fewer_first_cycle_entries_than_the_trending_one() {
    let count = |fetched: &BTreeMap<String, Fetched>| -> usize {
        (0..GRID_MINUTES)
            .map(|start| first_cycle_entries(fetched, start).len())
            .sum()
    };
    let choppy = count(&fetch(MarketProfile::Choppy, LAUNCHER_SEED).await);
    let trending = count(&fetch(MarketProfile::Trending, LAUNCHER_SEED).await);
    println!(
        "first-cycle entries over {GRID_MINUTES} starts: choppy {choppy}, trending {trending}"
    );
    assert!(choppy * 2 < trending, "choppy {choppy} trending {trending}");
}
