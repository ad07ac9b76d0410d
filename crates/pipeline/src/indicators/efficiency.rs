use rust_decimal::Decimal;

pub fn efficiency_ratio(closes: &[Decimal], period: usize) -> Option<Decimal> {
    if period == 0 || closes.len() < period + 1 {
        return None;
    }
    let window = &closes[closes.len() - period - 1..];
    let first = window.first()?;
    let last = window.last()?;
    let path: Decimal = window
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).abs())
        .sum();
    if path.is_zero() {
        return Some(Decimal::ZERO);
    }
    Some(((*last - *first).abs() / path).round_dp(8))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn straight_line_is_fully_efficient() {
        let closes = [dec!(1), dec!(2), dec!(3), dec!(4)];
        assert_eq!(efficiency_ratio(&closes, 3), Some(dec!(1)));
    }

    #[test]
    fn choppy_path_is_net_move_over_path_length() {
        let closes = [dec!(100), dec!(10), dec!(12), dec!(11), dec!(14)];
        assert_eq!(efficiency_ratio(&closes, 3), Some(dec!(0.66666667)));
        assert_eq!(efficiency_ratio(&closes, 4), Some(dec!(0.89583333)));
    }

    #[test]
    fn flat_and_short_series() {
        assert_eq!(
            efficiency_ratio(&[dec!(5), dec!(5)], 1),
            Some(Decimal::ZERO)
        );
        assert_eq!(efficiency_ratio(&[dec!(5)], 1), None);
    }
}
