use rust_decimal::Decimal;

use crate::indicators::correlation;
use crate::selection::ScoredCandidate;

pub fn max_pairwise_correlation(
    candidates: &[ScoredCandidate],
    watchlist: &[String],
) -> Option<Decimal> {
    let chosen: Vec<&ScoredCandidate> = watchlist
        .iter()
        .filter_map(|symbol| candidates.iter().find(|c| &c.symbol == symbol))
        .collect();
    let mut highest: Option<Decimal> = None;
    for (index, left) in chosen.iter().enumerate() {
        for right in &chosen[index + 1..] {
            if let Some(value) = correlation(&left.returns, &right.returns) {
                highest = Some(highest.map_or(value, |h| h.max(value)));
            }
        }
    }
    highest
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn candidate(symbol: &str, returns: &[Decimal]) -> ScoredCandidate {
        ScoredCandidate {
            symbol: symbol.to_owned(),
            score_x10000: 1,
            returns: returns.to_vec(),
        }
    }

    #[test]
    fn the_highest_correlation_among_the_chosen_pairs_is_reported() {
        let up = [dec!(1), dec!(2), dec!(3), dec!(4)];
        let same = [dec!(2), dec!(4), dec!(6), dec!(8)];
        let opposite = [dec!(4), dec!(3), dec!(2), dec!(1)];
        let candidates = [
            candidate("A", &up),
            candidate("B", &same),
            candidate("C", &opposite),
        ];
        let all = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(max_pairwise_correlation(&candidates, &all), Some(dec!(1)));
        let apart = ["A".to_owned(), "C".to_owned()];
        assert_eq!(
            max_pairwise_correlation(&candidates, &apart),
            Some(dec!(-1))
        );
        assert_eq!(max_pairwise_correlation(&candidates, &all[..1]), None);
    }
}
