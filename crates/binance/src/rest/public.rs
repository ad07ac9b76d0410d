use crate::error::BinanceError;
use crate::rest::call::Call;
use crate::rest::client::RestClient;
use crate::rest::market::{
    BookTicker, DepthSnapshot, Empty, ExchangeInfo, Kline, PriceTicker, ServerTime, Ticker24h,
};
use crate::rest::params::Params;

pub fn depth_weight(limit: u32) -> u64 {
    match limit {
        0..=100 => 5,
        101..=500 => 25,
        501..=1000 => 50,
        _ => 250,
    }
}

impl RestClient {
    pub async fn ping(&self) -> Result<Empty, BinanceError> {
        self.execute(&Call::public("/api/v3/ping", 1, Params::new()))
            .await
    }

    pub async fn server_time(&self) -> Result<ServerTime, BinanceError> {
        self.execute(&Call::public("/api/v3/time", 1, Params::new()))
            .await
    }

    pub async fn exchange_info(&self, symbols: &[&str]) -> Result<ExchangeInfo, BinanceError> {
        let params = if symbols.is_empty() {
            Params::new()
        } else {
            let list =
                serde_json::to_string(symbols).map_err(|e| BinanceError::InvalidRequest {
                    detail: e.to_string(),
                })?;
            Params::new().with("symbols", list)
        };
        let info: ExchangeInfo = self
            .execute(&Call::public("/api/v3/exchangeInfo", 20, params))
            .await?;
        self.limiter.set_limits(&info.rate_limits);
        Ok(info)
    }

    pub async fn ticker_24h(&self, symbol: &str) -> Result<Ticker24h, BinanceError> {
        self.execute(&Call::public(
            "/api/v3/ticker/24hr",
            2,
            Params::new().with("symbol", symbol),
        ))
        .await
    }

    pub async fn ticker_24h_all(&self) -> Result<Vec<Ticker24h>, BinanceError> {
        self.execute(&Call::public("/api/v3/ticker/24hr", 80, Params::new()))
            .await
    }

    pub async fn book_ticker(&self, symbol: &str) -> Result<BookTicker, BinanceError> {
        self.execute(&Call::public(
            "/api/v3/ticker/bookTicker",
            2,
            Params::new().with("symbol", symbol),
        ))
        .await
    }

    pub async fn price(&self, symbol: &str) -> Result<PriceTicker, BinanceError> {
        self.execute(&Call::public(
            "/api/v3/ticker/price",
            2,
            Params::new().with("symbol", symbol),
        ))
        .await
    }

    pub async fn depth(&self, symbol: &str, limit: u32) -> Result<DepthSnapshot, BinanceError> {
        let params = Params::new().with("symbol", symbol).with("limit", limit);
        self.execute(&Call::public("/api/v3/depth", depth_weight(limit), params))
            .await
    }

    pub async fn klines(
        &self,
        symbol: &str,
        interval: &str,
        limit: u32,
    ) -> Result<Vec<Kline>, BinanceError> {
        let params = Params::new()
            .with("symbol", symbol)
            .with("interval", interval)
            .with("limit", limit);
        self.execute(&Call::public("/api/v3/klines", 2, params))
            .await
    }
}
