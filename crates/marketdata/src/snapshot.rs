use std::time::{Duration, Instant};

use livespot_domain::{BookLevel, MarketSnapshot, Price, Quantity, SnapshotId, Symbol, Validate};
use rust_decimal::Decimal;

use crate::{MarketdataError, SnapshotMessage, SymbolMarket};

pub const SNAPSHOT_BOOK_LEVELS: usize = 10;

#[derive(Debug, Clone, Copy)]
pub struct SnapshotClock {
    pub now: Instant,
    pub now_ms: i64,
    pub rest_age: Duration,
    pub seq: u64,
}

fn levels(raw: &[(Decimal, Decimal)]) -> Option<Vec<BookLevel>> {
    raw.iter()
        .take(SNAPSHOT_BOOK_LEVELS)
        .map(|(price, quantity)| {
            Some(BookLevel {
                price: Price::new(*price).ok()?,
                quantity: Quantity::new(*quantity).ok()?,
            })
        })
        .collect()
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

pub fn build_message(
    symbol: &str,
    market: &SymbolMarket,
    kline_count: usize,
    clock: SnapshotClock,
) -> Result<Option<SnapshotMessage>, MarketdataError> {
    let (Some(book), Some(filters), Some(ticker)) = (&market.book, &market.filters, &market.ticker)
    else {
        return Ok(None);
    };
    let (Some(bids), Some(asks)) = (levels(&book.bids), levels(&book.asks)) else {
        return Ok(None);
    };
    let (Some(best_bid), Some(best_ask)) = (bids.first(), asks.first()) else {
        return Ok(None);
    };
    let encode = |detail: String| MarketdataError::Encode { detail };
    let start = market.klines.len().saturating_sub(kline_count);
    let klines = market.klines[start..].to_vec();
    let last_price = klines.last().map_or(best_bid.price, |k| k.close);
    let ws_age = market
        .last_event
        .map_or(Duration::MAX, |at| clock.now.saturating_duration_since(at));
    let snapshot = MarketSnapshot {
        snapshot_id: SnapshotId::new(format!("SNAP-{symbol}-{}", clock.seq))
            .map_err(|v| encode(v.to_string()))?,
        symbol: Symbol::new(symbol).map_err(|v| encode(v.to_string()))?,
        ts_ms: clock.now_ms,
        best_bid: best_bid.price,
        best_ask: best_ask.price,
        last_price,
        bids: bids.clone(),
        asks: asks.clone(),
        klines,
        book_update_id: book.update_id,
        ws_age_ms: millis(ws_age),
        rest_age_ms: millis(clock.rest_age),
    };
    if snapshot.validate().is_err() {
        return Ok(None);
    }
    let snapshot_hash = snapshot
        .snapshot_hash()
        .map_err(|v| encode(v.to_string()))?;
    Ok(Some(SnapshotMessage {
        latest_closed_open_ms: snapshot.klines.last().map(|k| k.open_time_ms),
        snapshot,
        snapshot_hash,
        filters: filters.clone(),
        quote_volume_24h: ticker.quote_volume,
        price_change_percent_24h: ticker.price_change_percent,
    }))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::store::domain_kline;
    use crate::{BookView, FiltersView, TickerView};

    fn market() -> SymbolMarket {
        SymbolMarket {
            filters: Some(FiltersView {
                base_asset: "BTC".to_owned(),
                quote_asset: "USDT".to_owned(),
                status: "TRADING".to_owned(),
                spot_allowed: true,
                tick_size: dec!(0.01),
                step_size: dec!(0.00001),
                min_qty: dec!(0.00001),
                min_notional: dec!(5),
            }),
            ticker: Some(TickerView {
                last_price: dec!(100),
                quote_volume: dec!(1000000),
                price_change_percent: dec!(-2),
            }),
            klines: (1..=5)
                .map(|i| {
                    domain_kline(
                        i * 60_000,
                        i * 60_000 + 59_999,
                        [dec!(100), dec!(101), dec!(99), dec!(100.5), dec!(3)],
                    )
                    .unwrap()
                })
                .collect(),
            book: Some(BookView {
                bids: vec![(dec!(100.4), dec!(1)), (dec!(100.3), dec!(2))],
                asks: vec![(dec!(100.6), dec!(1))],
                update_id: 42,
            }),
            last_event: None,
        }
    }

    fn clock(now: Instant) -> SnapshotClock {
        SnapshotClock {
            now,
            now_ms: 1_764_000_000_000,
            rest_age: Duration::from_millis(1500),
            seq: 9,
        }
    }

    #[test]
    fn message_carries_a_valid_snapshot_whose_hash_matches() {
        let mut market = market();
        let now = Instant::now();
        market.last_event = Some(now);
        let message = build_message("BTCUSDT", &market, 3, clock(now))
            .unwrap()
            .unwrap();
        assert!(message.hash_matches());
        assert_eq!(message.snapshot.klines.len(), 3);
        assert_eq!(message.snapshot.rest_age_ms, 1500);
        assert_eq!(message.snapshot.ws_age_ms, 0);
        assert_eq!(message.snapshot.snapshot_id.as_str(), "SNAP-BTCUSDT-9");
        assert_eq!(message.latest_closed_open_ms, Some(300_000));
        assert_eq!(message.snapshot.best_ask.value(), dec!(100.6));
    }

    #[test]
    fn crossed_or_missing_book_publishes_nothing() {
        let mut crossed = market();
        crossed.book = Some(BookView {
            bids: vec![(dec!(101), dec!(1))],
            asks: vec![(dec!(100), dec!(1))],
            update_id: 1,
        });
        assert!(
            build_message("BTCUSDT", &crossed, 3, clock(Instant::now()))
                .unwrap()
                .is_none()
        );
        let mut empty = market();
        empty.book = None;
        assert!(
            build_message("BTCUSDT", &empty, 3, clock(Instant::now()))
                .unwrap()
                .is_none()
        );
    }
}
