use crate::filters::SymbolFilter;
use crate::rest::enums::{RateLimitInterval, RateLimitType};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerTime {
    pub server_time: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    pub rate_limit_type: RateLimitType,
    pub interval: RateLimitInterval,
    pub interval_num: u32,
    pub limit: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeInfo {
    pub timezone: String,
    pub server_time: i64,
    pub rate_limits: Vec<RateLimit>,
    #[serde(default)]
    pub exchange_filters: Vec<SymbolFilter>,
    pub symbols: Vec<SymbolInfo>,
}

impl ExchangeInfo {
    pub fn symbol(&self, symbol: &str) -> Option<&SymbolInfo> {
        self.symbols.iter().find(|s| s.symbol == symbol)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[expect(
    clippy::struct_excessive_bools,
    reason = "mirrors the fields Binance returns"
)]
pub struct SymbolInfo {
    pub symbol: String,
    pub status: String,
    pub base_asset: String,
    pub base_asset_precision: u32,
    pub quote_asset: String,
    #[serde(default)]
    pub quote_asset_precision: u32,
    #[serde(default)]
    pub order_types: Vec<String>,
    #[serde(default)]
    pub iceberg_allowed: bool,
    #[serde(default)]
    pub oco_allowed: bool,
    #[serde(default)]
    pub quote_order_qty_market_allowed: bool,
    #[serde(default)]
    pub allow_trailing_stop: bool,
    #[serde(default)]
    pub cancel_replace_allowed: bool,
    #[serde(default)]
    pub is_spot_trading_allowed: bool,
    pub filters: Vec<SymbolFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticker24h {
    pub symbol: String,
    #[serde(default)]
    pub price_change: Option<Decimal>,
    #[serde(default)]
    pub price_change_percent: Option<Decimal>,
    #[serde(default)]
    pub weighted_avg_price: Option<Decimal>,
    #[serde(default)]
    pub prev_close_price: Option<Decimal>,
    pub last_price: Decimal,
    #[serde(default)]
    pub last_qty: Option<Decimal>,
    #[serde(default)]
    pub bid_price: Option<Decimal>,
    #[serde(default)]
    pub bid_qty: Option<Decimal>,
    #[serde(default)]
    pub ask_price: Option<Decimal>,
    #[serde(default)]
    pub ask_qty: Option<Decimal>,
    pub open_price: Decimal,
    pub high_price: Decimal,
    pub low_price: Decimal,
    pub volume: Decimal,
    pub quote_volume: Decimal,
    pub open_time: i64,
    pub close_time: i64,
    pub first_id: i64,
    pub last_id: i64,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookTicker {
    pub symbol: String,
    pub bid_price: Decimal,
    pub bid_qty: Decimal,
    pub ask_price: Decimal,
    pub ask_qty: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceTicker {
    pub symbol: String,
    pub price: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DepthSnapshot {
    pub last_update_id: u64,
    pub bids: Vec<(Decimal, Decimal)>,
    pub asks: Vec<(Decimal, Decimal)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kline(
    pub i64,
    pub Decimal,
    pub Decimal,
    pub Decimal,
    pub Decimal,
    pub Decimal,
    pub i64,
    pub Decimal,
    pub u64,
    pub Decimal,
    pub Decimal,
    pub String,
);

impl Kline {
    pub fn open_time(&self) -> i64 {
        self.0
    }

    pub fn open(&self) -> Decimal {
        self.1
    }

    pub fn high(&self) -> Decimal {
        self.2
    }

    pub fn low(&self) -> Decimal {
        self.3
    }

    pub fn close(&self) -> Decimal {
        self.4
    }

    pub fn volume(&self) -> Decimal {
        self.5
    }

    pub fn close_time(&self) -> i64 {
        self.6
    }

    pub fn quote_volume(&self) -> Decimal {
        self.7
    }

    pub fn trades(&self) -> u64 {
        self.8
    }
}
