use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub const BPS_PER_UNIT: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
const SQRT_ITERATIONS: usize = 64;
const SQRT_SCALE: u32 = 12;

pub fn decimal_sqrt(value: Decimal) -> Option<Decimal> {
    if value.is_sign_negative() {
        return None;
    }
    if value.is_zero() {
        return Some(Decimal::ZERO);
    }
    let two = Decimal::TWO;
    let mut guess = if value > Decimal::ONE {
        value / two
    } else {
        Decimal::ONE
    };
    for _ in 0..SQRT_ITERATIONS {
        let next = (guess + value / guess) / two;
        if (next - guess).abs() <= Decimal::new(1, SQRT_SCALE + 2) {
            guess = next;
            break;
        }
        guess = next;
    }
    Some(guess.round_dp(SQRT_SCALE))
}

pub fn to_bps(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    Some((part * BPS_PER_UNIT / whole).round_dp(4))
}

pub fn to_score_x10000(fraction: Decimal) -> i64 {
    (fraction * BPS_PER_UNIT).round().to_i64().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn sqrt_of_perfect_squares_and_fractions() {
        assert_eq!(decimal_sqrt(dec!(144)), Some(dec!(12)));
        assert_eq!(decimal_sqrt(dec!(0.0004)), Some(dec!(0.02)));
        assert_eq!(decimal_sqrt(dec!(2)), Some(dec!(1.414213562373)));
        assert_eq!(decimal_sqrt(Decimal::ZERO), Some(Decimal::ZERO));
        assert_eq!(decimal_sqrt(dec!(-1)), None);
    }

    #[test]
    fn bps_and_score_conversions() {
        assert_eq!(to_bps(dec!(1), dec!(200)), Some(dec!(50)));
        assert_eq!(to_bps(dec!(1), Decimal::ZERO), None);
        assert_eq!(to_score_x10000(dec!(0.12345)), 1234);
        assert_eq!(to_score_x10000(dec!(-0.5)), -5000);
    }
}
