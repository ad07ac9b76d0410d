use livespot_domain::ReasonCode;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::indicators::correlation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoredCandidate {
    pub symbol: String,
    pub score_x10000: i64,
    pub returns: Vec<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchlistParams {
    pub size: usize,
    pub max_correlation: Decimal,
    pub churn_margin_x10000: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WatchAction {
    Added,
    Kept,
    Dropped,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchlistChange {
    pub symbol: String,
    pub action: WatchAction,
    pub reason: Option<ReasonCode>,
    pub against: Option<String>,
}

struct Selector<'a> {
    params: &'a WatchlistParams,
    kept: Vec<&'a ScoredCandidate>,
    changes: Vec<WatchlistChange>,
}

impl<'a> Selector<'a> {
    fn note(
        &mut self,
        symbol: &str,
        action: WatchAction,
        reason: Option<ReasonCode>,
        against: Option<&str>,
    ) {
        self.changes.push(WatchlistChange {
            symbol: symbol.to_owned(),
            action,
            reason,
            against: against.map(str::to_owned),
        });
    }

    fn conflicts(&self, candidate: &ScoredCandidate) -> Vec<usize> {
        self.kept
            .iter()
            .enumerate()
            .filter(|(_, member)| {
                correlation(&member.returns, &candidate.returns)
                    .is_some_and(|c| c > self.params.max_correlation)
            })
            .map(|(index, _)| index)
            .collect()
    }

    fn offer_incumbent(&mut self, incumbent: &'a ScoredCandidate) {
        if let Some(&index) = self.conflicts(incumbent).first() {
            let stronger = self.kept[index].symbol.clone();
            self.note(
                &incumbent.symbol,
                WatchAction::Dropped,
                Some(ReasonCode::WatchlistCorrelated),
                Some(&stronger),
            );
        } else if self.kept.len() < self.params.size {
            self.kept.push(incumbent);
            self.note(&incumbent.symbol, WatchAction::Kept, None, None);
        } else {
            self.note(&incumbent.symbol, WatchAction::Dropped, None, None);
        }
    }

    fn beats(&self, newcomer: &ScoredCandidate, member: &ScoredCandidate) -> bool {
        newcomer.score_x10000 >= member.score_x10000 + self.params.churn_margin_x10000
    }

    fn replace(&mut self, index: usize, newcomer: &'a ScoredCandidate, reason: ReasonCode) {
        let replaced = self.kept[index].symbol.clone();
        self.kept[index] = newcomer;
        self.note(
            &replaced,
            WatchAction::Dropped,
            Some(reason),
            Some(&newcomer.symbol),
        );
        self.note(&newcomer.symbol, WatchAction::Added, None, None);
    }

    fn offer_newcomer(&mut self, newcomer: &'a ScoredCandidate) {
        let conflicts = self.conflicts(newcomer);
        if let Some(&index) = conflicts.first() {
            let member = self.kept[index];
            if conflicts.len() == 1 && self.beats(newcomer, member) {
                self.replace(index, newcomer, ReasonCode::WatchlistCorrelated);
            } else {
                self.note(
                    &newcomer.symbol,
                    WatchAction::Rejected,
                    Some(ReasonCode::WatchlistCorrelated),
                    Some(&member.symbol),
                );
            }
            return;
        }
        if self.kept.len() < self.params.size {
            self.kept.push(newcomer);
            self.note(&newcomer.symbol, WatchAction::Added, None, None);
            return;
        }
        let weakest = (0..self.kept.len()).min_by(|&a, &b| {
            self.kept[a]
                .score_x10000
                .cmp(&self.kept[b].score_x10000)
                .then_with(|| self.kept[b].symbol.cmp(&self.kept[a].symbol))
        });
        match weakest {
            Some(index) if self.beats(newcomer, self.kept[index]) => {
                self.replace(index, newcomer, ReasonCode::WatchlistChurnGuard);
            }
            _ => {
                let against = weakest.map(|index| self.kept[index].symbol.clone());
                self.note(
                    &newcomer.symbol,
                    WatchAction::Rejected,
                    Some(ReasonCode::WatchlistChurnGuard),
                    against.as_deref(),
                );
            }
        }
    }
}

pub fn select_watchlist(
    candidates: &[ScoredCandidate],
    incumbents: &[String],
    params: &WatchlistParams,
) -> (Vec<String>, Vec<WatchlistChange>) {
    let mut ordered: Vec<&ScoredCandidate> = candidates.iter().collect();
    ordered.sort_by(|a, b| {
        b.score_x10000
            .cmp(&a.score_x10000)
            .then_with(|| a.symbol.cmp(&b.symbol))
    });
    let mut selector = Selector {
        params,
        kept: Vec::new(),
        changes: Vec::new(),
    };
    let is_incumbent = |c: &&ScoredCandidate| incumbents.contains(&c.symbol);
    for incumbent in ordered.iter().copied().filter(is_incumbent) {
        selector.offer_incumbent(incumbent);
    }
    for newcomer in ordered.iter().copied().filter(|c| !is_incumbent(c)) {
        selector.offer_newcomer(newcomer);
    }
    for gone in incumbents
        .iter()
        .filter(|s| !candidates.iter().any(|c| &c.symbol == *s))
    {
        selector.note(gone, WatchAction::Dropped, None, None);
    }
    let mut kept = selector.kept;
    kept.sort_by(|a, b| {
        b.score_x10000
            .cmp(&a.score_x10000)
            .then_with(|| a.symbol.cmp(&b.symbol))
    });
    (
        kept.iter().map(|c| c.symbol.clone()).collect(),
        selector.changes,
    )
}

#[cfg(test)]
#[path = "watchlist_tests.rs"]
mod tests;
