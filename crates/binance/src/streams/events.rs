use crate::book::DepthUpdate;
use crate::error::BinanceError;
use crate::rest::market::DepthSnapshot;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeEvent {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "t")]
    pub trade_id: i64,
    #[serde(rename = "p")]
    pub price: Decimal,
    #[serde(rename = "q")]
    pub qty: Decimal,
    #[serde(rename = "T")]
    pub trade_time: i64,
    #[serde(rename = "m")]
    pub buyer_is_maker: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggTradeEvent {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "a")]
    pub agg_id: i64,
    #[serde(rename = "p")]
    pub price: Decimal,
    #[serde(rename = "q")]
    pub qty: Decimal,
    #[serde(rename = "f")]
    pub first_trade_id: i64,
    #[serde(rename = "l")]
    pub last_trade_id: i64,
    #[serde(rename = "T")]
    pub trade_time: i64,
    #[serde(rename = "m")]
    pub buyer_is_maker: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KlineBar {
    #[serde(rename = "t")]
    pub open_time: i64,
    #[serde(rename = "T")]
    pub close_time: i64,
    #[serde(rename = "i")]
    pub interval: String,
    #[serde(rename = "o")]
    pub open: Decimal,
    #[serde(rename = "h")]
    pub high: Decimal,
    #[serde(rename = "l")]
    pub low: Decimal,
    #[serde(rename = "c")]
    pub close: Decimal,
    #[serde(rename = "v")]
    pub volume: Decimal,
    #[serde(rename = "q")]
    pub quote_volume: Decimal,
    #[serde(rename = "n")]
    pub trades: u64,
    #[serde(rename = "x")]
    pub is_closed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KlineEvent {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "k")]
    pub kline: KlineBar,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MiniTickerEvent {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "c")]
    pub close: Decimal,
    #[serde(rename = "o")]
    pub open: Decimal,
    #[serde(rename = "h")]
    pub high: Decimal,
    #[serde(rename = "l")]
    pub low: Decimal,
    #[serde(rename = "v")]
    pub volume: Decimal,
    #[serde(rename = "q")]
    pub quote_volume: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TickerEvent {
    #[serde(rename = "E")]
    pub event_time: i64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "P")]
    pub price_change_percent: Decimal,
    #[serde(rename = "c")]
    pub last: Decimal,
    #[serde(rename = "b")]
    pub bid: Decimal,
    #[serde(rename = "a")]
    pub ask: Decimal,
    #[serde(rename = "v")]
    pub volume: Decimal,
    #[serde(rename = "q")]
    pub quote_volume: Decimal,
    #[serde(rename = "n")]
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookTickerEvent {
    #[serde(rename = "u")]
    pub update_id: u64,
    #[serde(rename = "s")]
    pub symbol: String,
    #[serde(rename = "b")]
    pub bid_price: Decimal,
    #[serde(rename = "B")]
    pub bid_qty: Decimal,
    #[serde(rename = "a")]
    pub ask_price: Decimal,
    #[serde(rename = "A")]
    pub ask_qty: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarketEvent {
    Trade(TradeEvent),
    AggTrade(AggTradeEvent),
    Kline(KlineEvent),
    MiniTicker(MiniTickerEvent),
    MiniTickers(Vec<MiniTickerEvent>),
    Ticker(TickerEvent),
    BookTicker(BookTickerEvent),
    PartialDepth(DepthSnapshot),
    Depth(DepthUpdate),
    ServerShutdown,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamMessage {
    pub stream: String,
    pub event: MarketEvent,
}

#[derive(Deserialize)]
struct CombinedWrapper {
    stream: String,
    data: serde_json::Value,
}

fn typed<T: DeserializeOwned>(data: serde_json::Value) -> Result<T, BinanceError> {
    serde_json::from_value(data).map_err(|e| BinanceError::Decode {
        detail: e.to_string(),
    })
}

pub fn parse_market_event(
    stream: &str,
    data: serde_json::Value,
) -> Result<MarketEvent, BinanceError> {
    let kind = stream.split_once('@').map_or(stream, |(_, kind)| kind);
    Ok(match kind {
        _ if stream.ends_with("serverShutdown") => MarketEvent::ServerShutdown,
        "arr" if stream.starts_with("!miniTicker") => MarketEvent::MiniTickers(typed(data)?),
        "trade" => MarketEvent::Trade(typed(data)?),
        "aggTrade" => MarketEvent::AggTrade(typed(data)?),
        "miniTicker" => MarketEvent::MiniTicker(typed(data)?),
        "ticker" => MarketEvent::Ticker(typed(data)?),
        "bookTicker" => MarketEvent::BookTicker(typed(data)?),
        "depth" | "depth@100ms" | "depth@1000ms" => MarketEvent::Depth(typed(data)?),
        k if k.starts_with("kline_") => MarketEvent::Kline(typed(data)?),
        k if k.starts_with("depth") => MarketEvent::PartialDepth(typed(data)?),
        _ => MarketEvent::Other,
    })
}

pub fn parse_combined(text: &str) -> Result<StreamMessage, BinanceError> {
    let wrapper: CombinedWrapper =
        serde_json::from_str(text).map_err(|e| BinanceError::Decode {
            detail: e.to_string(),
        })?;
    let event = parse_market_event(&wrapper.stream, wrapper.data)?;
    Ok(StreamMessage {
        stream: wrapper.stream,
        event,
    })
}
