use rust_decimal::Decimal;

use crate::indicators::decimal_sqrt;

pub const MEAN_SCALE: u32 = 12;

pub fn correlation(left: &[Decimal], right: &[Decimal]) -> Option<Decimal> {
    let count = left.len().min(right.len());
    if count < 2 {
        return None;
    }
    let left = &left[left.len() - count..];
    let right = &right[right.len() - count..];
    let n = Decimal::from(count);
    let mean_left = (left.iter().copied().sum::<Decimal>() / n).round_dp(MEAN_SCALE);
    let mean_right = (right.iter().copied().sum::<Decimal>() / n).round_dp(MEAN_SCALE);
    let mut covariance = Decimal::ZERO;
    let mut variance_left = Decimal::ZERO;
    let mut variance_right = Decimal::ZERO;
    for (a, b) in left.iter().zip(right) {
        let da = a - mean_left;
        let db = b - mean_right;
        covariance += da * db;
        variance_left += da * da;
        variance_right += db * db;
    }
    let denominator = decimal_sqrt(variance_left * variance_right)?;
    if denominator.is_zero() {
        return None;
    }
    Some(
        (covariance / denominator)
            .round_dp(6)
            .clamp(-Decimal::ONE, Decimal::ONE),
    )
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn perfectly_linear_series_correlate_fully() {
        let a = [dec!(1), dec!(2), dec!(3)];
        let b = [dec!(2), dec!(4), dec!(6)];
        let c = [dec!(3), dec!(2), dec!(1)];
        assert_eq!(correlation(&a, &b), Some(dec!(1)));
        assert_eq!(correlation(&a, &c), Some(dec!(-1)));
    }

    #[test]
    fn hand_computed_partial_correlation() {
        let a = [dec!(1), dec!(2), dec!(3), dec!(4)];
        let b = [dec!(1), dec!(3), dec!(2), dec!(4)];
        assert_eq!(correlation(&a, &b), Some(dec!(0.8)));
    }

    #[test]
    fn uses_the_common_tail_and_rejects_flat_series() {
        let a = [dec!(9), dec!(1), dec!(2), dec!(3)];
        let b = [dec!(2), dec!(4), dec!(6)];
        assert_eq!(correlation(&a, &b), Some(dec!(1)));
        assert_eq!(correlation(&[dec!(1), dec!(1)], &[dec!(1), dec!(2)]), None);
        assert_eq!(correlation(&[dec!(1)], &[dec!(1)]), None);
    }
}
