use rust_decimal::Decimal;

pub fn fmt8(value: Decimal) -> String {
    let mut scaled = value.normalize();
    scaled.rescale(8);
    scaled.to_string()
}

pub fn is_multiple(value: Decimal, step: Decimal) -> bool {
    step.is_zero() || (value % step).is_zero()
}

pub fn floor_to_step(value: Decimal, step: Decimal) -> Decimal {
    if step.is_zero() {
        return value;
    }
    (value / step).floor() * step
}

pub fn ceil_to_step(value: Decimal, step: Decimal) -> Decimal {
    if step.is_zero() {
        return value;
    }
    (value / step).ceil() * step
}

pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let valid = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().filter(|c| *c == '.').count() <= 1;
    if !valid {
        return None;
    }
    text.parse::<Decimal>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_with_eight_places() {
        assert_eq!(fmt8(dec!(1.5)), "1.50000000");
        assert_eq!(fmt8(dec!(0)), "0.00000000");
    }

    #[test]
    fn steps_are_exact() {
        assert!(is_multiple(dec!(0.003), dec!(0.001)));
        assert!(!is_multiple(dec!(0.0031), dec!(0.001)));
        assert_eq!(floor_to_step(dec!(1.239), dec!(0.01)), dec!(1.23));
        assert_eq!(ceil_to_step(dec!(1.231), dec!(0.01)), dec!(1.24));
    }

    #[test]
    fn rejects_signed_or_exponent_decimals() {
        assert_eq!(parse_decimal("1.5"), Some(dec!(1.5)));
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e5"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
