use std::collections::BTreeMap;

use rust_decimal::Decimal;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepthDiff {
    pub first_update_id: u64,
    pub final_update_id: u64,
    pub bids: Vec<(Decimal, Decimal)>,
    pub asks: Vec<(Decimal, Decimal)>,
}

fn merge_side(into: &mut Vec<(Decimal, Decimal)>, from: &[(Decimal, Decimal)]) {
    let mut merged: BTreeMap<Decimal, Decimal> = into.iter().copied().collect();
    merged.extend(from.iter().copied());
    *into = merged.into_iter().collect();
}

impl DepthDiff {
    pub fn is_empty(&self) -> bool {
        self.bids.is_empty() && self.asks.is_empty()
    }

    pub fn merge(&mut self, later: &Self) {
        if self.is_empty() && self.first_update_id == 0 {
            self.first_update_id = later.first_update_id;
        }
        self.final_update_id = later.final_update_id;
        merge_side(&mut self.bids, &later.bids);
        merge_side(&mut self.asks, &later.asks);
    }
}

#[derive(Debug, Clone, Default)]
pub struct OrderBook {
    pub bids: BTreeMap<Decimal, Decimal>,
    pub asks: BTreeMap<Decimal, Decimal>,
    pub update_id: u64,
}

fn side_diff(
    old: &BTreeMap<Decimal, Decimal>,
    new: &BTreeMap<Decimal, Decimal>,
) -> Vec<(Decimal, Decimal)> {
    let mut changes: Vec<(Decimal, Decimal)> = new
        .iter()
        .filter(|(price, qty)| old.get(price) != Some(qty))
        .map(|(price, qty)| (*price, *qty))
        .collect();
    changes.extend(
        old.keys()
            .filter(|price| !new.contains_key(price))
            .map(|price| (*price, Decimal::ZERO)),
    );
    changes.sort_by_key(|change| change.0);
    changes
}

impl OrderBook {
    pub fn best_bid(&self) -> Option<(Decimal, Decimal)> {
        self.bids.iter().next_back().map(|(p, q)| (*p, *q))
    }

    pub fn best_ask(&self) -> Option<(Decimal, Decimal)> {
        self.asks.iter().next().map(|(p, q)| (*p, *q))
    }

    pub fn top_bids(&self, limit: usize) -> Vec<(Decimal, Decimal)> {
        self.bids
            .iter()
            .rev()
            .take(limit)
            .map(|(p, q)| (*p, *q))
            .collect()
    }

    pub fn top_asks(&self, limit: usize) -> Vec<(Decimal, Decimal)> {
        self.asks
            .iter()
            .take(limit)
            .map(|(p, q)| (*p, *q))
            .collect()
    }

    pub fn replace(
        &mut self,
        bids: BTreeMap<Decimal, Decimal>,
        asks: BTreeMap<Decimal, Decimal>,
    ) -> Option<DepthDiff> {
        let mut diff = DepthDiff {
            bids: side_diff(&self.bids, &bids),
            asks: side_diff(&self.asks, &asks),
            ..DepthDiff::default()
        };
        self.bids = bids;
        self.asks = asks;
        self.stamp(&mut diff)
    }

    pub fn apply_levels(
        &mut self,
        bids: Vec<(Decimal, Decimal)>,
        asks: Vec<(Decimal, Decimal)>,
    ) -> Option<DepthDiff> {
        for (price, qty) in &bids {
            set_level(&mut self.bids, *price, *qty);
        }
        for (price, qty) in &asks {
            set_level(&mut self.asks, *price, *qty);
        }
        let mut diff = DepthDiff {
            bids,
            asks,
            ..DepthDiff::default()
        };
        self.stamp(&mut diff)
    }

    fn stamp(&mut self, diff: &mut DepthDiff) -> Option<DepthDiff> {
        if diff.is_empty() {
            return None;
        }
        diff.first_update_id = self.update_id + 1;
        self.update_id += 1;
        diff.final_update_id = self.update_id;
        Some(diff.clone())
    }
}

fn set_level(side: &mut BTreeMap<Decimal, Decimal>, price: Decimal, qty: Decimal) {
    if qty.is_zero() {
        side.remove(&price);
    } else {
        side.insert(price, qty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn merged_diffs_keep_the_first_and_last_ids_and_the_latest_quantities() {
        let mut window = DepthDiff::default();
        window.merge(&DepthDiff {
            first_update_id: 5,
            final_update_id: 5,
            bids: vec![(dec!(1), dec!(2))],
            asks: vec![],
        });
        window.merge(&DepthDiff {
            first_update_id: 6,
            final_update_id: 7,
            bids: vec![(dec!(1), dec!(0)), (dec!(2), dec!(3))],
            asks: vec![],
        });
        assert_eq!((window.first_update_id, window.final_update_id), (5, 7));
        assert_eq!(window.bids, vec![(dec!(1), dec!(0)), (dec!(2), dec!(3))]);
    }

    #[test]
    fn replace_reports_changes_and_removals() {
        let mut book = OrderBook::default();
        let first = book
            .replace(
                BTreeMap::from([(dec!(10), dec!(1))]),
                BTreeMap::from([(dec!(11), dec!(2))]),
            )
            .unwrap();
        assert_eq!((first.first_update_id, first.final_update_id), (1, 1));
        let second = book
            .replace(
                BTreeMap::from([(dec!(9), dec!(1))]),
                BTreeMap::from([(dec!(11), dec!(2))]),
            )
            .unwrap();
        assert_eq!(second.bids, vec![(dec!(9), dec!(1)), (dec!(10), dec!(0))]);
        assert!(second.asks.is_empty());
        assert_eq!(second.first_update_id, 2);
    }
}
