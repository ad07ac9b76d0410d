use std::collections::BTreeMap;

use livespot_pipeline::selection::{
    DeepFeatures, Exclusion, Ranked, ScoredCandidate, UniverseCandidate, WatchlistChange,
    deep_score_x10000, filter_universe, max_pairwise_correlation, rank_universe, scan_symbol,
    select_watchlist,
};
use livespot_pipeline::{Kline, StrategyParams, SymbolFilters};
use livespot_replay::{HISTORY_BARS, MICRO_MINUTES, SelectionParams, SymbolSeries, build_series};
use rust_decimal::Decimal;

use crate::book::SymbolInput;

pub const PERCENT_TO_BPS: Decimal = Decimal::ONE_HUNDRED;

#[derive(Debug, Clone)]
pub struct PreparedSymbol {
    pub series: SymbolSeries,
    pub candidate: UniverseCandidate,
}

#[derive(Debug, Clone, Default)]
pub struct ScanOutcome {
    pub universe: usize,
    pub excluded: Vec<Exclusion>,
    pub ranked: Vec<Ranked>,
    pub features: BTreeMap<String, DeepFeatures>,
    pub scores: BTreeMap<String, i64>,
    pub watchlist: Vec<String>,
    pub changes: Vec<WatchlistChange>,
    pub max_pairwise_correlation: Option<Decimal>,
}

pub fn filters_of(input: &SymbolInput) -> SymbolFilters {
    let view = &input.latest.filters;
    SymbolFilters {
        tick_size: view.tick_size,
        step_size: view.step_size,
        min_qty: view.min_qty,
        min_notional: view.min_notional,
    }
}

pub fn prepare(symbol: &str, input: &SymbolInput, interval_minutes: u32) -> Option<PreparedSymbol> {
    let mut series = build_series(
        symbol.to_owned(),
        input.one_minute.clone(),
        interval_minutes,
    )
    .ok()?;
    series.filters = filters_of(input);
    let message = &input.latest;
    let candidate = UniverseCandidate {
        symbol: symbol.to_owned(),
        base_asset: message.filters.base_asset.clone(),
        quote_asset: message.filters.quote_asset.clone(),
        status: message.filters.status.clone(),
        spot_allowed: message.filters.spot_allowed,
        quote_volume_24h: message.quote_volume_24h,
        last_price: message.snapshot.last_price.value(),
        abs_change_bps_24h: message.price_change_percent_24h.abs() * PERCENT_TO_BPS,
        spread_bps: message
            .snapshot
            .spread_bps()
            .map(livespot_domain::Bps::value),
    };
    Some(PreparedSymbol { series, candidate })
}

pub fn tail(klines: &[Kline], count: usize) -> &[Kline] {
    &klines[klines.len().saturating_sub(count)..]
}

fn deep_scan(
    prepared: &PreparedSymbol,
    rank: &Ranked,
    selection: &SelectionParams,
    strategy: &StrategyParams,
) -> Option<(ScoredCandidate, DeepFeatures)> {
    let series = &prepared.series;
    let features = scan_symbol(
        &series.symbol,
        tail(&series.bars, HISTORY_BARS),
        tail(&series.one_minute, MICRO_MINUTES),
        series.filters.tick_size,
        &strategy.deep,
        &strategy.micro,
    )?;
    let returns = &series.bar_returns;
    let candidate = ScoredCandidate {
        symbol: series.symbol.clone(),
        score_x10000: deep_score_x10000(rank.score_x10000, &features, &strategy.deep),
        returns: returns[returns.len().saturating_sub(selection.correlation_returns)..].to_vec(),
    };
    Some((candidate, features))
}

pub fn scan(
    prepared: &BTreeMap<String, PreparedSymbol>,
    incumbents: &[String],
    selection: &SelectionParams,
    strategy: &StrategyParams,
) -> ScanOutcome {
    let universe: Vec<UniverseCandidate> = prepared.values().map(|p| p.candidate.clone()).collect();
    let (kept, excluded) = filter_universe(&universe, &selection.universe);
    let ranked = rank_universe(&kept, selection.universe.max_spread_bps);
    let (candidates, scanned): (Vec<ScoredCandidate>, Vec<DeepFeatures>) = ranked
        .iter()
        .take(selection.deep_scan_top_n)
        .filter_map(|rank| deep_scan(prepared.get(&rank.symbol)?, rank, selection, strategy))
        .unzip();
    let (watchlist, changes) = select_watchlist(&candidates, incumbents, &selection.watchlist);
    ScanOutcome {
        universe: universe.len(),
        excluded,
        scores: candidates
            .iter()
            .map(|c| (c.symbol.clone(), c.score_x10000))
            .collect(),
        features: scanned.into_iter().map(|f| (f.symbol.clone(), f)).collect(),
        ranked,
        max_pairwise_correlation: max_pairwise_correlation(&candidates, &watchlist),
        watchlist,
        changes,
    }
}
