use rust_decimal::Decimal;

use crate::{Kline, Regime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalParams {
    pub lookback: usize,
    pub range_entry_fraction: Decimal,
}

pub fn entry_signal(klines: &[Kline], regime: Regime, params: &SignalParams) -> bool {
    if klines.len() < params.lookback + 1 || params.lookback == 0 {
        return false;
    }
    let window = &klines[klines.len() - params.lookback - 1..];
    let (Some(first), Some(last)) = (window.first(), window.last()) else {
        return false;
    };
    match regime {
        Regime::NoTrade => false,
        Regime::Trend => last.close > first.close,
        Regime::Range => {
            let high = window.iter().map(|k| k.high).max().unwrap_or_default();
            let low = window.iter().map(|k| k.low).min().unwrap_or_default();
            let span = high - low;
            span > Decimal::ZERO && (last.close - low) <= span * params.range_entry_fraction
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::indicators::atr::tests::bar;

    fn params() -> SignalParams {
        SignalParams {
            lookback: 2,
            range_entry_fraction: dec!(0.3),
        }
    }

    fn closes(values: &[Decimal]) -> Vec<Kline> {
        values
            .iter()
            .map(|c| bar(*c, *c + dec!(1), *c - dec!(1), *c))
            .collect()
    }

    #[test]
    fn trend_entry_only_when_price_rose_over_the_lookback() {
        assert!(entry_signal(
            &closes(&[dec!(10), dec!(11), dec!(12)]),
            Regime::Trend,
            &params()
        ));
        assert!(!entry_signal(
            &closes(&[dec!(12), dec!(11), dec!(12)]),
            Regime::Trend,
            &params()
        ));
    }

    #[test]
    fn range_entry_only_in_the_lower_part_of_the_range() {
        assert!(entry_signal(
            &closes(&[dec!(14), dec!(12), dec!(11)]),
            Regime::Range,
            &params()
        ));
        assert!(!entry_signal(
            &closes(&[dec!(10), dec!(12), dec!(13)]),
            Regime::Range,
            &params()
        ));
    }

    #[test]
    fn no_trade_and_short_history_never_signal() {
        assert!(!entry_signal(
            &closes(&[dec!(10), dec!(11), dec!(12)]),
            Regime::NoTrade,
            &params()
        ));
        assert!(!entry_signal(
            &closes(&[dec!(10), dec!(11)]),
            Regime::Trend,
            &params()
        ));
    }
}
