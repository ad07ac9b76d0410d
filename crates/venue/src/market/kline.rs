use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::num::fmt8;

pub const MINUTE_MS: i64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kline {
    pub open_time: i64,
    pub close_time: i64,
    pub open: Decimal,
    pub high: Decimal,
    pub low: Decimal,
    pub close: Decimal,
    pub volume: Decimal,
    pub quote_volume: Decimal,
    pub trades: u64,
    pub first_trade_id: i64,
    pub last_trade_id: i64,
    pub taker_buy_base: Decimal,
    pub taker_buy_quote: Decimal,
}

impl Kline {
    pub fn flat(open_time: i64, interval_ms: i64, price: Decimal) -> Self {
        Self {
            open_time,
            close_time: open_time + interval_ms - 1,
            open: price,
            high: price,
            low: price,
            close: price,
            volume: Decimal::ZERO,
            quote_volume: Decimal::ZERO,
            trades: 0,
            first_trade_id: -1,
            last_trade_id: -1,
            taker_buy_base: Decimal::ZERO,
            taker_buy_quote: Decimal::ZERO,
        }
    }

    pub fn record(&mut self, id: i64, price: Decimal, qty: Decimal, taker_buy: bool) {
        self.high = self.high.max(price);
        self.low = self.low.min(price);
        self.close = price;
        self.volume += qty;
        self.quote_volume += price * qty;
        self.trades += 1;
        if self.first_trade_id < 0 {
            self.first_trade_id = id;
        }
        self.last_trade_id = id;
        if taker_buy {
            self.taker_buy_base += qty;
            self.taker_buy_quote += price * qty;
        }
    }

    pub fn record_bulk(&mut self, price: Decimal, qty: Decimal, trades: u64, taker_buy: bool) {
        self.high = self.high.max(price);
        self.low = self.low.min(price);
        self.close = price;
        self.volume += qty;
        self.quote_volume += price * qty;
        self.trades += trades;
        if taker_buy {
            self.taker_buy_base += qty;
            self.taker_buy_quote += price * qty;
        }
    }

    pub fn merge(&mut self, next: &Self) {
        self.high = self.high.max(next.high);
        self.low = self.low.min(next.low);
        self.close = next.close;
        self.close_time = self.close_time.max(next.close_time);
        self.volume += next.volume;
        self.quote_volume += next.quote_volume;
        self.trades += next.trades;
        if self.first_trade_id < 0 {
            self.first_trade_id = next.first_trade_id;
        }
        if next.last_trade_id >= 0 {
            self.last_trade_id = next.last_trade_id;
        }
        self.taker_buy_base += next.taker_buy_base;
        self.taker_buy_quote += next.taker_buy_quote;
    }

    pub fn rest_row(&self) -> Value {
        json!([
            self.open_time,
            fmt8(self.open),
            fmt8(self.high),
            fmt8(self.low),
            fmt8(self.close),
            fmt8(self.volume),
            self.close_time,
            fmt8(self.quote_volume),
            self.trades,
            fmt8(self.taker_buy_base),
            fmt8(self.taker_buy_quote),
            "0"
        ])
    }

    pub fn stream_body(&self, symbol: &str, interval: &str, closed: bool) -> Value {
        json!({
            "t": self.open_time, "T": self.close_time, "s": symbol, "i": interval,
            "f": self.first_trade_id, "L": self.last_trade_id,
            "o": fmt8(self.open), "c": fmt8(self.close), "h": fmt8(self.high), "l": fmt8(self.low),
            "v": fmt8(self.volume), "n": self.trades, "x": closed, "q": fmt8(self.quote_volume),
            "V": fmt8(self.taker_buy_base), "Q": fmt8(self.taker_buy_quote), "B": "0"
        })
    }
}

pub fn interval_ms(interval: &str) -> Option<i64> {
    let minutes = match interval {
        "1m" => 1,
        "3m" => 3,
        "5m" => 5,
        "15m" => 15,
        "30m" => 30,
        "1h" => 60,
        "2h" => 120,
        "4h" => 240,
        "6h" => 360,
        "8h" => 480,
        "12h" => 720,
        "1d" => 1440,
        "3d" => 4320,
        "1w" => 10_080,
        _ => return None,
    };
    Some(minutes * MINUTE_MS)
}

pub fn aggregate(minutes: &[Kline], interval: i64) -> Vec<Kline> {
    let mut out: Vec<Kline> = Vec::new();
    for kline in minutes {
        let start = kline.open_time - kline.open_time.rem_euclid(interval);
        match out.last_mut() {
            Some(last) if last.open_time == start => last.merge(kline),
            _ => {
                let mut first = kline.clone();
                first.open_time = start;
                first.close_time = start + interval - 1;
                out.push(first);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn aggregates_minutes_into_larger_intervals() {
        let mut a = Kline::flat(0, MINUTE_MS, dec!(10));
        a.record(1, dec!(12), dec!(1), true);
        let mut b = Kline::flat(MINUTE_MS, MINUTE_MS, dec!(12));
        b.record(2, dec!(9), dec!(2), false);
        let c = Kline::flat(5 * MINUTE_MS, MINUTE_MS, dec!(9));
        let five = aggregate(&[a, b, c], 5 * MINUTE_MS);
        assert_eq!(five.len(), 2);
        assert_eq!(
            (five[0].high, five[0].low, five[0].close),
            (dec!(12), dec!(9), dec!(9))
        );
        assert_eq!(five[0].volume, dec!(3));
        assert_eq!(five[0].close_time, 5 * MINUTE_MS - 1);
    }
}
