use std::collections::BTreeMap;

use livespot_config::{Config, KlineInterval};
use livespot_domain::{Clock, CycleId, ReasonCode, SnapshotId};
use livespot_pipeline::selection::DeepFeatures;
use livespot_pipeline::{
    Account, Assessment, DecideContext, Regime, SymbolView, TradeLedger, decide,
};
use livespot_replay::{DEFAULT_EQUITY, HISTORY_BARS, MICRO_MINUTES, ReplayParams};
use rust_decimal::Decimal;

use crate::StrategyError;
use crate::book::{MarketBook, SymbolInput};
use crate::cycle_select::{PreparedSymbol, ScanOutcome, prepare, scan, tail};

#[derive(Debug, Clone)]
pub struct SymbolOutcome {
    pub symbol: String,
    pub bar_open_ms: Option<i64>,
    pub snapshot_id: SnapshotId,
    pub snapshot_hash: String,
    pub assessment: Assessment,
}

#[derive(Debug, Clone)]
pub struct CycleReport {
    pub cycle_id: CycleId,
    pub ts_ms: i64,
    pub scan: Option<ScanOutcome>,
    pub outcomes: Vec<SymbolOutcome>,
}

#[derive(Debug)]
pub struct CycleEngine {
    params: ReplayParams,
    interval_minutes: u32,
    equity: Decimal,
    ledger: TradeLedger,
    watchlist: Vec<String>,
    scores: BTreeMap<String, i64>,
    previous_regime: BTreeMap<String, Regime>,
    last_rescan_ms: Option<i64>,
    cycle_seq: u64,
    cycle_prefix: String,
    proposed_bar: BTreeMap<String, i64>,
}

pub const fn interval_minutes(interval: KlineInterval) -> u32 {
    match interval {
        KlineInterval::OneMinute => 1,
        KlineInterval::ThreeMinutes => 3,
        KlineInterval::FiveMinutes => 5,
        KlineInterval::FifteenMinutes => 15,
        KlineInterval::OneHour => 60,
    }
}

impl CycleEngine {
    pub fn new(config: &Config, cycle_prefix: String) -> Self {
        Self {
            params: livespot_replay::from_config(config),
            interval_minutes: interval_minutes(config.strategy.kline_interval),
            equity: DEFAULT_EQUITY,
            ledger: TradeLedger::default(),
            watchlist: Vec::new(),
            scores: BTreeMap::new(),
            previous_regime: BTreeMap::new(),
            last_rescan_ms: None,
            cycle_seq: 0,
            cycle_prefix,
            proposed_bar: BTreeMap::new(),
        }
    }

    pub fn set_equity(&mut self, equity: Decimal) {
        if equity > Decimal::ZERO {
            self.equity = equity;
        }
    }

    pub fn equity(&self) -> Decimal {
        self.equity
    }

    pub fn params(&self) -> &ReplayParams {
        &self.params
    }

    pub fn watchlist(&self) -> &[String] {
        &self.watchlist
    }

    pub fn note_entry(&mut self, symbol: &str, ts_ms: i64, bar_open_ms: Option<i64>) {
        self.ledger.record_entry(symbol, ts_ms);
        if let Some(bar) = bar_open_ms {
            self.proposed_bar.insert(symbol.to_owned(), bar);
        }
    }

    fn rescan_due(&self, now_ms: i64) -> bool {
        self.watchlist.is_empty()
            || self
                .last_rescan_ms
                .is_none_or(|last| now_ms - last >= self.params.selection.rescan_interval_ms)
    }

    pub fn run_cycle(
        &mut self,
        book: &MarketBook,
        clock: &dyn Clock,
    ) -> Result<CycleReport, StrategyError> {
        let now_ms = clock.now_ms();
        self.cycle_seq = self.cycle_seq.saturating_add(1);
        let cycle_id = CycleId::new(format!("{}-{:06}", self.cycle_prefix, self.cycle_seq))
            .map_err(StrategyError::Contract)?;
        let prepared: BTreeMap<String, PreparedSymbol> = book
            .symbols
            .iter()
            .filter_map(|(symbol, input)| {
                Some((
                    symbol.clone(),
                    prepare(symbol, input, self.interval_minutes)?,
                ))
            })
            .collect();
        let scan = self
            .rescan_due(now_ms)
            .then(|| self.rescan(now_ms, &prepared));
        let features = scan
            .as_ref()
            .map(|s| s.features.clone())
            .unwrap_or_default();
        let mut outcomes = Vec::new();
        for symbol in self.watchlist.clone() {
            let (Some(input), Some(prepared)) = (book.symbols.get(&symbol), prepared.get(&symbol))
            else {
                continue;
            };
            let context = DecideContext {
                clock,
                cycle_id: &cycle_id,
                ledger: &self.ledger,
                account: Account {
                    equity: self.equity,
                    symbol_exposure: Decimal::ZERO,
                    total_exposure: Decimal::ZERO,
                },
            };
            let assessment = decide_symbol(input, prepared, &features, &context, self);
            let bar = prepared.series.bars.last().map(|b| b.open_time_ms);
            outcomes.push(self.finish(symbol, input, bar, assessment)?);
        }
        self.ledger
            .prune(now_ms, self.params.strategy.overtrade.window_ms);
        Ok(CycleReport {
            cycle_id,
            ts_ms: now_ms,
            scan,
            outcomes,
        })
    }

    fn rescan(&mut self, now_ms: i64, prepared: &BTreeMap<String, PreparedSymbol>) -> ScanOutcome {
        let outcome = scan(
            prepared,
            &self.watchlist,
            &self.params.selection,
            &self.params.strategy,
        );
        self.last_rescan_ms = Some(now_ms);
        self.watchlist.clone_from(&outcome.watchlist);
        self.scores.clone_from(&outcome.scores);
        outcome
    }

    fn finish(
        &mut self,
        symbol: String,
        input: &SymbolInput,
        bar: Option<i64>,
        mut assessment: Assessment,
    ) -> Result<SymbolOutcome, StrategyError> {
        if let Some(regime @ (Regime::Trend | Regime::Range)) = assessment.regime {
            self.previous_regime.insert(symbol.clone(), regime);
        }
        let message = &input.latest;
        if assessment.decision.is_some()
            && bar.is_some()
            && self.proposed_bar.get(&symbol) == bar.as_ref()
        {
            assessment.decision = None;
            assessment.decision_hash = None;
            assessment.reason_codes = vec![ReasonCode::EntryBarAlreadyProposed];
        }
        if let Some(decision) = assessment.decision.as_mut() {
            decision.snapshot_id = message.snapshot.snapshot_id.clone();
            decision.snapshot_hash.clone_from(&message.snapshot_hash);
            let hash = decision.decision_hash().map_err(StrategyError::Contract)?;
            assessment.decision_hash = Some(hash);
        }
        Ok(SymbolOutcome {
            bar_open_ms: bar,
            symbol,
            snapshot_id: message.snapshot.snapshot_id.clone(),
            snapshot_hash: message.snapshot_hash.clone(),
            assessment,
        })
    }
}

fn decide_symbol(
    input: &SymbolInput,
    prepared: &PreparedSymbol,
    features: &BTreeMap<String, DeepFeatures>,
    context: &DecideContext<'_>,
    engine: &CycleEngine,
) -> Assessment {
    let series = &prepared.series;
    let view = SymbolView {
        symbol: &series.symbol,
        bars: tail(&series.bars, HISTORY_BARS),
        one_minute: tail(&series.one_minute, MICRO_MINUTES),
        books: &input.books,
        filters: &series.filters,
        score_x10000: engine
            .scores
            .get(&series.symbol)
            .copied()
            .unwrap_or_default(),
        previous_regime: engine.previous_regime.get(&series.symbol).copied(),
        features: features.get(&series.symbol),
    };
    decide(&view, context, &engine.params.strategy)
}
