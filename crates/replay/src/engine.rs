use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use livespot_domain::{CycleId, FixedClock};
use livespot_pipeline::selection::DeepFeatures;
use livespot_pipeline::{Account, DecideContext, Regime, SymbolView, TradeLedger, decide};
use rust_decimal::Decimal;

use crate::defaults::{HISTORY_BARS, MICRO_MINUTES};
use crate::fills::{EntryOutcome, ExitKind, OpenPosition, PendingEntry};
use crate::output::{DecisionLine, FILL_MODEL, SPREAD_SOURCE, Summary, write_line};
use crate::{ReplayError, ReplayParams, SymbolSeries};

#[derive(Debug)]
pub struct Engine<'a> {
    pub(crate) series: &'a [SymbolSeries],
    pub(crate) params: &'a ReplayParams,
    pub(crate) ledger: TradeLedger,
    pub(crate) equity: Decimal,
    pub(crate) pending: BTreeMap<String, PendingEntry>,
    pub(crate) open: BTreeMap<String, OpenPosition>,
    pub(crate) minute_cursor: Vec<usize>,
    pub(crate) watchlist: Vec<String>,
    pub(crate) scores: BTreeMap<String, i64>,
    pub(crate) last_rescan_ms: Option<i64>,
    pub(crate) previous_regime: BTreeMap<String, Regime>,
    pub(crate) summary: Summary,
    pub(crate) cycle: u64,
    pub(crate) scanned: BTreeMap<String, DeepFeatures>,
    pub(crate) scanned_at_ms: Option<i64>,
    pub(crate) clock: FixedClock,
}

impl<'a> Engine<'a> {
    pub fn new(
        series: &'a [SymbolSeries],
        params: &'a ReplayParams,
        equity: Decimal,
        interval_minutes: u32,
    ) -> Self {
        let summary = Summary {
            kind: "summary",
            symbols: series.iter().map(|s| s.symbol.clone()).collect(),
            interval_minutes,
            klines: series.iter().map(|s| s.one_minute.len()).sum(),
            bars: series.iter().map(|s| s.bars.len()).sum(),
            spread_source: SPREAD_SOURCE,
            fill_model: FILL_MODEL,
            ..Summary::default()
        };
        Self {
            series,
            params,
            ledger: TradeLedger::default(),
            equity,
            pending: BTreeMap::new(),
            open: BTreeMap::new(),
            minute_cursor: vec![0; series.len()],
            watchlist: Vec::new(),
            scores: BTreeMap::new(),
            last_rescan_ms: None,
            previous_regime: BTreeMap::new(),
            summary,
            cycle: 0,
            scanned: BTreeMap::new(),
            scanned_at_ms: None,
            clock: FixedClock::new(0),
        }
    }

    pub fn timeline(&self) -> BTreeSet<i64> {
        self.series
            .iter()
            .flat_map(|s| s.bars.iter().map(|bar| bar.close_time_ms + 1))
            .collect()
    }

    pub fn run(mut self, out: &mut dyn Write) -> Result<Summary, ReplayError> {
        for now_ms in self.timeline() {
            self.cycle += 1;
            self.clock.set(now_ms);
            self.advance_fills(now_ms);
            self.maybe_rescan(now_ms, out)?;
            self.decide_watchlist(now_ms, out)?;
            self.ledger
                .prune(now_ms, self.params.strategy.overtrade.window_ms);
        }
        self.summary.open_at_end = u64::try_from(self.open.len()).unwrap_or(u64::MAX);
        self.summary.final_equity = self.equity.round_dp(8);
        write_line(out, &self.summary)?;
        Ok(self.summary)
    }

    fn advance_fills(&mut self, now_ms: i64) {
        for (index, series) in self.series.iter().enumerate() {
            let end = series.minutes_before(now_ms);
            let start = self.minute_cursor[index].min(end);
            for kline in &series.one_minute[start..end] {
                self.step_symbol(&series.symbol, kline);
            }
            self.minute_cursor[index] = end;
        }
    }

    fn step_symbol(&mut self, symbol: &str, kline: &livespot_pipeline::Kline) {
        if let Some(position) = self.open.get_mut(symbol) {
            if let Some((kind, price)) = position.step(kline) {
                let pnl = position.pnl(
                    price,
                    self.params.strategy.edge.maker_fee_bps,
                    self.params.strategy.edge.taker_fee_bps,
                );
                self.equity += pnl;
                self.ledger
                    .record_exit(symbol, kline.close_time_ms, pnl > Decimal::ZERO);
                match kind {
                    ExitKind::TakeProfit => self.summary.exits_take_profit += 1,
                    ExitKind::Stop => self.summary.exits_stop += 1,
                }
                self.open.remove(symbol);
            }
            return;
        }
        let Some(pending) = self.pending.get(symbol) else {
            return;
        };
        match pending.step(kline) {
            EntryOutcome::Waiting => {}
            EntryOutcome::Missed => {
                self.summary.entries_missed += 1;
                self.pending.remove(symbol);
            }
            EntryOutcome::Filled(position) => {
                self.summary.entries_filled += 1;
                self.ledger.record_entry(symbol, kline.close_time_ms);
                self.pending.remove(symbol);
                self.open.insert(symbol.to_owned(), position);
            }
        }
    }

    fn fresh_features(&self, now_ms: i64, symbol: &str) -> Option<&DeepFeatures> {
        (self.scanned_at_ms == Some(now_ms))
            .then(|| self.scanned.get(symbol))
            .flatten()
    }

    fn exposure(&self) -> Decimal {
        let open: Decimal = self.open.values().map(|p| p.entry_price * p.quantity).sum();
        let pending: Decimal = self
            .pending
            .values()
            .map(|p| p.entry.reference_price * p.quantity)
            .sum();
        open + pending
    }

    fn decide_watchlist(&mut self, now_ms: i64, out: &mut dyn Write) -> Result<(), ReplayError> {
        let watchlist = self.watchlist.clone();
        let cycle_text = format!("CYC-{:06}", self.cycle);
        let cycle_id = CycleId::new(cycle_text.clone()).map_err(|v| ReplayError::Encode {
            detail: v.to_string(),
        })?;
        for symbol in watchlist {
            if self.pending.contains_key(&symbol) || self.open.contains_key(&symbol) {
                continue;
            }
            let Some(series) = self.series.iter().find(|s| s.symbol == symbol) else {
                continue;
            };
            let bars_done = series.bars_before(now_ms);
            let minutes_done = series.minutes_before(now_ms);
            let view = SymbolView {
                symbol: &symbol,
                bars: &series.bars[bars_done.saturating_sub(HISTORY_BARS)..bars_done],
                one_minute: &series.one_minute
                    [minutes_done.saturating_sub(MICRO_MINUTES)..minutes_done],
                books: &[],
                filters: &series.filters,
                score_x10000: self.scores.get(&symbol).copied().unwrap_or_default(),
                previous_regime: self.previous_regime.get(&symbol).copied(),
                features: self.fresh_features(now_ms, &symbol),
            };
            let context = DecideContext {
                clock: &self.clock,
                cycle_id: &cycle_id,
                ledger: &self.ledger,
                account: Account {
                    equity: self.equity,
                    symbol_exposure: Decimal::ZERO,
                    total_exposure: self.exposure(),
                },
            };
            let assessment = decide(&view, &context, &self.params.strategy);
            write_line(
                out,
                &DecisionLine::from_assessment(&cycle_text, &assessment),
            )?;
            self.summary.record(&assessment);
            self.remember(now_ms, &symbol, assessment);
        }
        Ok(())
    }

    fn remember(&mut self, now_ms: i64, symbol: &str, assessment: livespot_pipeline::Assessment) {
        if let Some(regime @ (Regime::Trend | Regime::Range)) = assessment.regime {
            self.previous_regime.insert(symbol.to_owned(), regime);
        }
        if let (Some(decision), Some(entry), Some(exit)) =
            (assessment.decision, assessment.entry, assessment.exit)
        {
            let pending = PendingEntry {
                symbol: symbol.to_owned(),
                decided_ms: now_ms,
                entry,
                exit,
                quantity: decision.quantity.value(),
                slippage_bps: self.params.strategy.edge.expected_slippage_bps,
            };
            self.pending.insert(symbol.to_owned(), pending);
        }
    }
}
