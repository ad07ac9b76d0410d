use rust_decimal::Decimal;
use serde::Serialize;

use crate::PipelineError;

pub const ONE_MINUTE_MS: i64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kline {
    pub open_time_ms: i64,
    pub open: Decimal,
    pub high: Decimal,
    pub low: Decimal,
    pub close: Decimal,
    pub volume: Decimal,
    pub close_time_ms: i64,
    pub quote_volume: Option<Decimal>,
    pub trades: Option<u64>,
    pub taker_buy_base: Option<Decimal>,
    pub taker_buy_quote: Option<Decimal>,
}

impl Kline {
    pub fn typical_price(&self) -> Decimal {
        (self.high + self.low + self.close) / Decimal::from(3)
    }

    pub fn quote_volume_or_estimate(&self) -> Decimal {
        self.quote_volume
            .unwrap_or_else(|| self.volume * self.typical_price())
    }

    pub fn range(&self) -> Decimal {
        self.high - self.low
    }
}

pub fn aggregate(klines: &[Kline], factor: usize) -> Result<Vec<Kline>, PipelineError> {
    if factor == 0 {
        return Err(PipelineError::AggregateFactor);
    }
    let Ok(factor_i64) = i64::try_from(factor) else {
        return Err(PipelineError::AggregateFactor);
    };
    let bucket_ms = ONE_MINUTE_MS * factor_i64;
    let mut out: Vec<Kline> = Vec::with_capacity(klines.len() / factor + 1);
    let mut current: Option<(i64, Vec<&Kline>)> = None;
    for kline in klines {
        let bucket = kline.open_time_ms.div_euclid(bucket_ms) * bucket_ms;
        match &mut current {
            Some((start, members)) if *start == bucket => members.push(kline),
            _ => {
                if let Some((start, members)) = current.take() {
                    push_complete(&mut out, start, &members, factor);
                }
                current = Some((bucket, vec![kline]));
            }
        }
    }
    if let Some((start, members)) = current.take() {
        push_complete(&mut out, start, &members, factor);
    }
    Ok(out)
}

fn push_complete(out: &mut Vec<Kline>, start: i64, members: &[&Kline], factor: usize) {
    if members.len() == factor
        && let Some(merged) = merge(start, members)
    {
        out.push(merged);
    }
}

pub fn merge(start: i64, members: &[&Kline]) -> Option<Kline> {
    let first = members.first()?;
    let last = members.last()?;
    let mut merged = Kline {
        open_time_ms: start,
        open: first.open,
        high: first.high,
        low: first.low,
        close: last.close,
        volume: Decimal::ZERO,
        close_time_ms: last.close_time_ms,
        quote_volume: Some(Decimal::ZERO),
        trades: Some(0),
        taker_buy_base: Some(Decimal::ZERO),
        taker_buy_quote: Some(Decimal::ZERO),
    };
    for member in members {
        merged.high = merged.high.max(member.high);
        merged.low = merged.low.min(member.low);
        merged.volume += member.volume;
        merged.quote_volume = add_optional(merged.quote_volume, member.quote_volume);
        merged.trades = merged.trades.zip(member.trades).map(|(a, b)| a + b);
        merged.taker_buy_base = add_optional(merged.taker_buy_base, member.taker_buy_base);
        merged.taker_buy_quote = add_optional(merged.taker_buy_quote, member.taker_buy_quote);
    }
    Some(merged)
}

fn add_optional(total: Option<Decimal>, part: Option<Decimal>) -> Option<Decimal> {
    total.zip(part).map(|(a, b)| a + b)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn minute(index: i64, open: Decimal, high: Decimal, low: Decimal, close: Decimal) -> Kline {
        Kline {
            open_time_ms: index * ONE_MINUTE_MS,
            open,
            high,
            low,
            close,
            volume: dec!(1),
            close_time_ms: index * ONE_MINUTE_MS + ONE_MINUTE_MS - 1,
            quote_volume: None,
            trades: None,
            taker_buy_base: None,
            taker_buy_quote: None,
        }
    }

    #[test]
    fn aggregation_takes_first_open_extremes_last_close_and_sums_volume() {
        let klines = vec![
            minute(0, dec!(10), dec!(12), dec!(9), dec!(11)),
            minute(1, dec!(11), dec!(15), dec!(10), dec!(14)),
            minute(2, dec!(14), dec!(14), dec!(8), dec!(9)),
        ];
        let merged = aggregate(&klines, 3).unwrap();
        assert_eq!(merged.len(), 1);
        let bar = &merged[0];
        assert_eq!(
            (bar.open, bar.high, bar.low, bar.close, bar.volume),
            (dec!(10), dec!(15), dec!(8), dec!(9), dec!(3))
        );
        assert_eq!(bar.close_time_ms, 3 * ONE_MINUTE_MS - 1);
        assert_eq!(bar.quote_volume, None);
    }

    #[test]
    fn aggregation_drops_incomplete_buckets() {
        let klines = vec![
            minute(1, dec!(10), dec!(12), dec!(9), dec!(11)),
            minute(2, dec!(11), dec!(15), dec!(10), dec!(14)),
            minute(3, dec!(14), dec!(14), dec!(8), dec!(9)),
            minute(4, dec!(9), dec!(10), dec!(8), dec!(10)),
        ];
        let merged = aggregate(&klines, 2).unwrap();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].open_time_ms, 2 * ONE_MINUTE_MS);
        assert_eq!(merged[0].close, dec!(9));
    }

    #[test]
    fn aggregation_factor_zero_is_refused() {
        assert_eq!(aggregate(&[], 0), Err(PipelineError::AggregateFactor));
    }
}
