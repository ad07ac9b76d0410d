use std::collections::BTreeMap;
use std::io::Write;

use livespot_pipeline::selection::{
    DeepFeatures, Exclusion, Ranked, ScoredCandidate, deep_score_x10000, filter_universe,
    rank_universe, scan_symbol, select_watchlist,
};

use crate::ReplayError;
use crate::defaults::{HISTORY_BARS, MICRO_MINUTES};
use crate::engine::Engine;
use crate::market_universe::candidate_at;
use crate::output::{WatchlistLine, write_line};

struct Scan {
    candidates: Vec<ScoredCandidate>,
    features: BTreeMap<String, DeepFeatures>,
    score_by_symbol: BTreeMap<String, i64>,
    excluded: Vec<Exclusion>,
}

impl Engine<'_> {
    fn deep_scan(&self, rank: &Ranked, now_ms: i64) -> Option<(ScoredCandidate, DeepFeatures)> {
        let strategy = &self.params.strategy;
        let series = self.series.iter().find(|s| s.symbol == rank.symbol)?;
        let bars_done = series.bars_before(now_ms);
        let minutes_done = series.minutes_before(now_ms);
        let features = scan_symbol(
            &series.symbol,
            &series.bars[bars_done.saturating_sub(HISTORY_BARS)..bars_done],
            &series.one_minute[minutes_done.saturating_sub(MICRO_MINUTES)..minutes_done],
            series.filters.tick_size,
            &strategy.deep,
            &strategy.micro,
        )?;
        let returns_done = bars_done.saturating_sub(1).min(series.bar_returns.len());
        let returns_start = returns_done.saturating_sub(self.params.selection.correlation_returns);
        let candidate = ScoredCandidate {
            symbol: series.symbol.clone(),
            score_x10000: deep_score_x10000(rank.score_x10000, &features, &strategy.deep),
            returns: series.bar_returns[returns_start..returns_done].to_vec(),
        };
        Some((candidate, features))
    }

    fn scan(&self, now_ms: i64) -> Scan {
        let selection = &self.params.selection;
        let universe: Vec<_> = self
            .series
            .iter()
            .filter_map(|s| candidate_at(s, s.minutes_before(now_ms), &self.params.strategy.micro))
            .collect();
        let (kept, excluded) = filter_universe(&universe, &selection.universe);
        let ranked = rank_universe(&kept, selection.universe.max_spread_bps);
        let (candidates, scanned): (Vec<ScoredCandidate>, Vec<DeepFeatures>) = ranked
            .iter()
            .take(selection.deep_scan_top_n)
            .filter_map(|rank| self.deep_scan(rank, now_ms))
            .unzip();
        let features = scanned.into_iter().map(|f| (f.symbol.clone(), f)).collect();
        let score_by_symbol = candidates
            .iter()
            .map(|c| (c.symbol.clone(), c.score_x10000))
            .collect();
        Scan {
            candidates,
            features,
            score_by_symbol,
            excluded,
        }
    }

    pub(crate) fn maybe_rescan(
        &mut self,
        now_ms: i64,
        out: &mut dyn Write,
    ) -> Result<(), ReplayError> {
        let due = self
            .last_rescan_ms
            .is_none_or(|last| now_ms - last >= self.params.selection.rescan_interval_ms);
        if !due {
            return Ok(());
        }
        self.last_rescan_ms = Some(now_ms);
        let scan = self.scan(now_ms);
        let (watchlist, changes) = select_watchlist(
            &scan.candidates,
            &self.watchlist,
            &self.params.selection.watchlist,
        );
        let list_moved = watchlist != self.watchlist;
        self.watchlist = watchlist;
        self.scores = scan.score_by_symbol;
        self.scanned = scan.features;
        self.scanned_at_ms = Some(now_ms);
        if list_moved {
            self.summary.watchlist_updates += 1;
            let line = WatchlistLine {
                kind: "watchlist",
                ts_ms: now_ms,
                watchlist: &self.watchlist,
                scores_x10000: &self.scores,
                features: &self.scanned,
                changes: &changes,
                excluded: &scan.excluded,
            };
            write_line(out, &line)?;
        }
        Ok(())
    }
}
