use rust_decimal::Decimal;

pub fn percentile(values: &[Decimal], percent: u32) -> Option<Decimal> {
    if values.is_empty() || percent > 100 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let count = sorted.len();
    let rank = (usize::try_from(percent).ok()? * count)
        .div_ceil(100)
        .max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values = [dec!(15), dec!(20), dec!(35), dec!(40), dec!(50)];
        assert_eq!(percentile(&values, 30), Some(dec!(20)));
        assert_eq!(percentile(&values, 40), Some(dec!(20)));
        assert_eq!(percentile(&values, 50), Some(dec!(35)));
        assert_eq!(percentile(&values, 90), Some(dec!(50)));
        assert_eq!(percentile(&values, 100), Some(dec!(50)));
        assert_eq!(percentile(&values, 0), Some(dec!(15)));
    }

    #[test]
    fn order_of_input_does_not_matter_and_empty_is_none() {
        let values = [dec!(3), dec!(1), dec!(2), dec!(4)];
        assert_eq!(percentile(&values, 50), Some(dec!(2)));
        assert_eq!(percentile(&values, 90), Some(dec!(4)));
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&values, 101), None);
    }
}
