use rust_decimal::Decimal;

use crate::num::floor_to_step;

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub levels: Vec<(Decimal, Decimal)>,
    pub fok_unfilled: bool,
}

impl Plan {
    pub fn qty(&self) -> Decimal {
        self.levels.iter().map(|(_, q)| *q).sum()
    }

    pub fn cost(&self) -> Decimal {
        self.levels.iter().map(|(p, q)| *p * *q).sum()
    }

    pub fn halve(&mut self, step: Decimal) {
        let mut budget = floor_to_step(self.qty() / Decimal::TWO, step);
        let mut kept = Vec::new();
        for (price, qty) in &self.levels {
            let take = (*qty).min(budget);
            if take > Decimal::ZERO {
                kept.push((*price, take));
                budget -= take;
            }
        }
        self.levels = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn halving_keeps_the_best_levels_first() {
        let mut plan = Plan {
            levels: vec![(dec!(10), dec!(1)), (dec!(11), dec!(1))],
            fok_unfilled: false,
        };
        plan.halve(dec!(0.1));
        assert_eq!(plan.levels, vec![(dec!(10), dec!(1))]);
        assert_eq!(plan.cost(), dec!(10));
    }
}
