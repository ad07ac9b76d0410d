use rust_decimal::Decimal;

use crate::Kline;
use crate::indicators::true_range;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
pub const WORKING_SCALE: u32 = 12;

struct Movement {
    plus_dm: Decimal,
    minus_dm: Decimal,
    range: Decimal,
}

fn movement(previous: &Kline, current: &Kline) -> Movement {
    let up = current.high - previous.high;
    let down = previous.low - current.low;
    Movement {
        plus_dm: if up > down && up > Decimal::ZERO {
            up
        } else {
            Decimal::ZERO
        },
        minus_dm: if down > up && down > Decimal::ZERO {
            down
        } else {
            Decimal::ZERO
        },
        range: true_range(Some(previous.close), current),
    }
}

fn directional_index(plus: Decimal, minus: Decimal, range: Decimal) -> Decimal {
    if range.is_zero() {
        return Decimal::ZERO;
    }
    let plus_di = HUNDRED * plus / range;
    let minus_di = HUNDRED * minus / range;
    let total = plus_di + minus_di;
    if total.is_zero() {
        return Decimal::ZERO;
    }
    (HUNDRED * (plus_di - minus_di).abs() / total).round_dp(WORKING_SCALE)
}

pub fn adx(klines: &[Kline], period: usize) -> Option<Decimal> {
    if period == 0 || klines.len() < 2 * period {
        return None;
    }
    let n = Decimal::from(period);
    let moves: Vec<Movement> = klines
        .windows(2)
        .map(|pair| movement(&pair[0], &pair[1]))
        .collect();
    let (seed, rest) = moves.split_at(period);
    let mut plus: Decimal = seed.iter().map(|m| m.plus_dm).sum();
    let mut minus: Decimal = seed.iter().map(|m| m.minus_dm).sum();
    let mut range: Decimal = seed.iter().map(|m| m.range).sum();
    let mut dx_values = vec![directional_index(plus, minus, range)];
    for step in rest {
        plus = (plus - plus / n + step.plus_dm).round_dp(WORKING_SCALE);
        minus = (minus - minus / n + step.minus_dm).round_dp(WORKING_SCALE);
        range = (range - range / n + step.range).round_dp(WORKING_SCALE);
        dx_values.push(directional_index(plus, minus, range));
    }
    let (dx_seed, dx_rest) = dx_values.split_at(period);
    let mut average = dx_seed.iter().copied().sum::<Decimal>() / n;
    for dx in dx_rest {
        average = ((average * (n - Decimal::ONE) + dx) / n).round_dp(WORKING_SCALE);
    }
    Some(average.round_dp(8))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::indicators::atr::tests::bar;

    fn hand_case() -> Vec<Kline> {
        vec![
            bar(dec!(9), dec!(10), dec!(8), dec!(9)),
            bar(dec!(11), dec!(12), dec!(9), dec!(11)),
            bar(dec!(8), dec!(11), dec!(7), dec!(8)),
            bar(dec!(12), dec!(13), dec!(10), dec!(12)),
            bar(dec!(10), dec!(12), dec!(9), dec!(10)),
        ]
    }

    #[test]
    fn adx_matches_hand_computed_wilder_values() {
        let klines = hand_case();
        assert_eq!(adx(&klines[..4], 2), Some(dec!(25)));
        assert_eq!(adx(&klines, 2), Some(dec!(12.5)));
        assert_eq!(adx(&klines[..3], 2), None);
    }

    #[test]
    fn one_way_trend_has_adx_100() {
        let klines: Vec<Kline> = (0..10)
            .map(|step| {
                let base = Decimal::from(100 + step);
                bar(base, base + Decimal::ONE, base - Decimal::ONE, base)
            })
            .collect();
        assert_eq!(adx(&klines, 3), Some(dec!(100)));
    }
}
