use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use livespot_binance::{BinanceError, RestClient};
use livespot_pipeline::selection::UniverseParams;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::store::domain_kline;
use crate::{FiltersView, MarketStore, MarketdataSettings, Selection, TickerView, select_symbols};

pub type SharedStore = Arc<Mutex<MarketStore>>;

pub const KLINE_INTERVAL: &str = "1m";

pub fn lock(store: &SharedStore) -> MutexGuard<'_, MarketStore> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Debug)]
pub struct RestFeed {
    pub client: RestClient,
    pub store: SharedStore,
    pub settings: MarketdataSettings,
    pub universe: UniverseParams,
    pub selection: watch::Sender<Selection>,
}

async fn timed<T, F>(store: &SharedStore, call: F) -> Result<T, BinanceError>
where
    F: Future<Output = Result<T, BinanceError>>,
{
    let started = Instant::now();
    let result = call.await;
    let elapsed = started.elapsed();
    let mut guard = lock(store);
    guard.rest_latency = Some(elapsed);
    if result.is_ok() {
        guard.rest_ok_at = Some(Instant::now());
    }
    result
}

impl RestFeed {
    async fn refresh_exchange_info(&self) -> Result<(), BinanceError> {
        let info = timed(&self.store, self.client.exchange_info(&[])).await?;
        let mut store = lock(&self.store);
        for symbol in &info.symbols {
            store.entry(&symbol.symbol).filters = Some(FiltersView::from_symbol(symbol));
        }
        Ok(())
    }

    async fn refresh_tickers(&self) -> Result<(), BinanceError> {
        let tickers = timed(&self.store, self.client.ticker_24h_all()).await?;
        let mut store = lock(&self.store);
        for ticker in tickers {
            store.entry(&ticker.symbol).ticker = Some(TickerView {
                last_price: ticker.last_price,
                quote_volume: ticker.quote_volume,
                price_change_percent: ticker.price_change_percent.unwrap_or_default(),
            });
        }
        Ok(())
    }

    async fn backfill(&self, symbol: &str) -> Result<(), BinanceError> {
        let limit = self.settings.kline_backfill;
        let raw = timed(
            &self.store,
            self.client.klines(symbol, KLINE_INTERVAL, limit),
        )
        .await?;
        let now_ms = self.client.server_now_ms().await?;
        let klines = raw
            .iter()
            .filter(|k| k.close_time() < now_ms)
            .filter_map(|k| {
                domain_kline(
                    k.open_time(),
                    k.close_time(),
                    [k.open(), k.high(), k.low(), k.close(), k.volume()],
                )
            })
            .collect();
        lock(&self.store).replace_klines(symbol, klines);
        Ok(())
    }

    async fn reselect(&self) {
        let next = select_symbols(
            &lock(&self.store),
            &self.universe,
            self.settings.candidates,
            self.settings.watchlist,
        );
        let previous = self.selection.borrow().clone();
        if next == previous {
            return;
        }
        for symbol in next
            .candidates
            .iter()
            .filter(|s| !previous.candidates.contains(s))
        {
            if let Err(error) = self.backfill(symbol).await {
                tracing::warn!(reason = error.reason_code().as_str(), symbol, %error, "kline backfill failed");
            }
        }
        tracing::info!(candidates = ?next.candidates, watchlist = ?next.watchlist, "market selection");
        self.selection.send_replace(next);
    }

    pub async fn run(self, shutdown: CancellationToken) {
        let mut info_due = Instant::now();
        let mut ticker = tokio::time::interval(self.settings.ticker_refresh);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                _ = ticker.tick() => {}
            }
            if Instant::now() >= info_due {
                match self.refresh_exchange_info().await {
                    Ok(()) => info_due = Instant::now() + self.settings.exchange_info_refresh,
                    Err(error) => {
                        tracing::warn!(reason = error.reason_code().as_str(), %error, "exchangeInfo failed");
                        info_due = Instant::now() + Duration::from_secs(5);
                    }
                }
            }
            match self.refresh_tickers().await {
                Ok(()) => self.reselect().await,
                Err(error) => {
                    tracing::warn!(reason = error.reason_code().as_str(), %error, "ticker/24hr failed");
                }
            }
        }
    }
}
