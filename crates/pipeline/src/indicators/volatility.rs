use rust_decimal::Decimal;

use crate::indicators::decimal_sqrt;

pub fn simple_returns(closes: &[Decimal]) -> Vec<Decimal> {
    closes
        .windows(2)
        .filter(|pair| !pair[0].is_zero())
        .map(|pair| ((pair[1] - pair[0]) / pair[0]).round_dp(12))
        .collect()
}

pub fn realized_volatility(returns: &[Decimal]) -> Option<Decimal> {
    if returns.is_empty() {
        return None;
    }
    let squares: Decimal = returns.iter().map(|r| r * r).sum();
    decimal_sqrt(squares / Decimal::from(returns.len()))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn returns_are_relative_changes() {
        let returns = simple_returns(&[dec!(100), dec!(110), dec!(99)]);
        assert_eq!(returns, vec![dec!(0.1), dec!(-0.1)]);
    }

    #[test]
    fn realized_volatility_is_root_mean_square_return() {
        assert_eq!(
            realized_volatility(&[dec!(0.03), dec!(-0.04)]),
            decimal_sqrt(dec!(0.00125))
        );
        assert_eq!(
            realized_volatility(&[dec!(0.02), dec!(-0.02)]),
            Some(dec!(0.02))
        );
        assert_eq!(realized_volatility(&[]), None);
    }
}
