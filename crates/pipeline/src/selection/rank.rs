use rust_decimal::Decimal;
use serde::Serialize;

use crate::selection::UniverseCandidate;

pub const LIQUIDITY_WEIGHT_X10000: i64 = 5000;
pub const ACTIVITY_WEIGHT_X10000: i64 = 3000;
pub const SPREAD_WEIGHT_X10000: i64 = 2000;
const SCALE: i64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    pub symbol: String,
    pub liquidity_rank_x10000: i64,
    pub activity_rank_x10000: i64,
    pub spread_quality_x10000: i64,
    pub score_x10000: i64,
}

pub fn rank_positions<F: Fn(&UniverseCandidate) -> Decimal>(
    candidates: &[UniverseCandidate],
    key: F,
) -> Vec<i64> {
    let count = i64::try_from(candidates.len()).unwrap_or(i64::MAX).max(1);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        key(&candidates[a])
            .cmp(&key(&candidates[b]))
            .then_with(|| candidates[b].symbol.cmp(&candidates[a].symbol))
    });
    let mut ranks = vec![0; candidates.len()];
    for (position, index) in order.into_iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX - 1);
        ranks[index] = (position + 1) * SCALE / count;
    }
    ranks
}

pub fn spread_quality_x10000(spread_bps: Option<Decimal>, max_spread_bps: Decimal) -> i64 {
    match spread_bps {
        Some(spread) if max_spread_bps > Decimal::ZERO => {
            let quality = (max_spread_bps - spread).max(Decimal::ZERO) / max_spread_bps;
            crate::indicators::to_score_x10000(quality)
        }
        _ => 0,
    }
}

pub fn rank_universe(candidates: &[UniverseCandidate], max_spread_bps: Decimal) -> Vec<Ranked> {
    let liquidity = rank_positions(candidates, |c| c.quote_volume_24h);
    let activity = rank_positions(candidates, |c| c.abs_change_bps_24h);
    let mut ranked: Vec<Ranked> = candidates
        .iter()
        .enumerate()
        .map(|(index, candidate)| {
            let spread = spread_quality_x10000(candidate.spread_bps, max_spread_bps);
            let weighted = LIQUIDITY_WEIGHT_X10000 * liquidity[index]
                + ACTIVITY_WEIGHT_X10000 * activity[index]
                + SPREAD_WEIGHT_X10000 * spread;
            Ranked {
                symbol: candidate.symbol.clone(),
                liquidity_rank_x10000: liquidity[index],
                activity_rank_x10000: activity[index],
                spread_quality_x10000: spread,
                score_x10000: weighted / SCALE,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score_x10000
            .cmp(&a.score_x10000)
            .then_with(|| a.symbol.cmp(&b.symbol))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn candidate(
        symbol: &str,
        volume: Decimal,
        change: Decimal,
        spread: Decimal,
    ) -> UniverseCandidate {
        UniverseCandidate {
            symbol: symbol.to_owned(),
            base_asset: symbol.trim_end_matches("USDT").to_owned(),
            quote_asset: "USDT".to_owned(),
            status: "TRADING".to_owned(),
            spot_allowed: true,
            quote_volume_24h: volume,
            last_price: dec!(1),
            abs_change_bps_24h: change,
            spread_bps: Some(spread),
        }
    }

    #[test]
    fn score_is_weighted_rank_percentiles_and_spread_quality() {
        let candidates = vec![
            candidate("AUSDT", dec!(100), dec!(50), dec!(5)),
            candidate("BUSDT", dec!(200), dec!(10), dec!(0)),
        ];
        let ranked = rank_universe(&candidates, dec!(10));
        assert_eq!(ranked[0].symbol, "BUSDT");
        assert_eq!(
            ranked[0].score_x10000,
            (5000 * 10000 + 3000 * 5000 + 2000 * 10000) / 10000
        );
        assert_eq!(ranked[0].score_x10000, 8500);
        assert_eq!(
            ranked[1].score_x10000,
            (5000 * 5000 + 3000 * 10000 + 2000 * 5000) / 10000
        );
    }

    #[test]
    fn ties_are_broken_by_symbol() {
        let candidates = vec![
            candidate("BUSDT", dec!(100), dec!(10), dec!(1)),
            candidate("AUSDT", dec!(100), dec!(10), dec!(1)),
        ];
        let ranked = rank_universe(&candidates, dec!(10));
        let first = ranked.first().unwrap();
        assert_eq!(first.symbol, "AUSDT");
        assert!(first.score_x10000 > ranked[1].score_x10000);
    }

    #[test]
    fn missing_spread_scores_zero_quality() {
        assert_eq!(spread_quality_x10000(None, dec!(10)), 0);
        assert_eq!(spread_quality_x10000(Some(dec!(12)), dec!(10)), 0);
        assert_eq!(spread_quality_x10000(Some(dec!(2.5)), dec!(10)), 7500);
    }
}
