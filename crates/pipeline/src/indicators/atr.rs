use rust_decimal::Decimal;

use crate::Kline;

pub fn true_range(previous_close: Option<Decimal>, kline: &Kline) -> Decimal {
    let range = kline.high - kline.low;
    match previous_close {
        None => range,
        Some(close) => range
            .max((kline.high - close).abs())
            .max((kline.low - close).abs()),
    }
}

pub fn atr(klines: &[Kline], period: usize) -> Option<Decimal> {
    if period == 0 || klines.len() < period + 1 {
        return None;
    }
    let period_decimal = Decimal::from(period);
    let ranges: Vec<Decimal> = klines
        .windows(2)
        .map(|pair| true_range(Some(pair[0].close), &pair[1]))
        .collect();
    let (seed, rest) = ranges.split_at(period);
    let mut average = seed.iter().copied().sum::<Decimal>() / period_decimal;
    for range in rest {
        average =
            ((average * (period_decimal - Decimal::ONE) + range) / period_decimal).round_dp(12);
    }
    Some(average.round_dp(12))
}

#[cfg(test)]
pub(crate) mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    pub(crate) fn bar(open: Decimal, high: Decimal, low: Decimal, close: Decimal) -> Kline {
        Kline {
            open_time_ms: 0,
            open,
            high,
            low,
            close,
            volume: dec!(1),
            close_time_ms: 59_999,
            quote_volume: None,
            trades: None,
            taker_buy_base: None,
            taker_buy_quote: None,
        }
    }

    #[test]
    fn true_range_uses_gap_to_previous_close() {
        let gap_up = bar(dec!(12), dec!(13), dec!(11.5), dec!(12));
        assert_eq!(true_range(Some(dec!(10)), &gap_up), dec!(3));
        assert_eq!(true_range(None, &gap_up), dec!(1.5));
        let gap_down = bar(dec!(8), dec!(9), dec!(7), dec!(8));
        assert_eq!(true_range(Some(dec!(10)), &gap_down), dec!(3));
    }

    #[test]
    fn atr_is_seeded_by_mean_then_wilder_smoothed() {
        let klines = vec![
            bar(dec!(10), dec!(10), dec!(10), dec!(10)),
            bar(dec!(10), dec!(11), dec!(9), dec!(10)),
            bar(dec!(10), dec!(12), dec!(8), dec!(10)),
            bar(dec!(10), dec!(16), dec!(10), dec!(16)),
        ];
        assert_eq!(atr(&klines[..3], 2), Some(dec!(3)));
        assert_eq!(atr(&klines, 2), Some(dec!(4.5)));
        assert_eq!(atr(&klines, 4), None);
    }
}
