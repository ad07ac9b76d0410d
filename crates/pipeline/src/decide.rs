use livespot_domain::{Clock, CycleId, Decision, ReasonCode};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::decision_build::{build_decision, proxy_book};
use crate::from_books;
use crate::selection::{DeepFeatures, scan_symbol};
use crate::{
    BookTop, EdgeEstimate, EdgeInputs, EntryChoice, EntryCosts, ExitChoice, ExitInputs, Kline,
    Regime, RegimeInputs, Size, SizingInputs, SpreadHealth, StrategyParams, SymbolFilters,
    TradeLedger, adaptive_min_edge_bps, classify, entry_signal, estimate_edge, plan_entry,
    plan_exit, size_position, trend_score_x10000,
};

#[derive(Debug, Clone)]
pub struct SymbolView<'a> {
    pub symbol: &'a str,
    pub bars: &'a [Kline],
    pub one_minute: &'a [Kline],
    pub books: &'a [BookTop],
    pub filters: &'a SymbolFilters,
    pub score_x10000: i64,
    pub previous_regime: Option<Regime>,
    pub features: Option<&'a DeepFeatures>,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub equity: Decimal,
    pub symbol_exposure: Decimal,
    pub total_exposure: Decimal,
}

#[derive(Clone)]
pub struct DecideContext<'a> {
    pub clock: &'a dyn Clock,
    pub cycle_id: &'a CycleId,
    pub ledger: &'a TradeLedger,
    pub account: Account,
}

impl DecideContext<'_> {
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }
}

impl std::fmt::Debug for DecideContext<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("DecideContext")
            .field("now_ms", &self.now_ms())
            .field("cycle_id", &self.cycle_id)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub ts_ms: i64,
    pub symbol: String,
    pub regime: Option<Regime>,
    pub trend_score_x10000: Option<i64>,
    pub features: Option<DeepFeatures>,
    pub min_edge_bps: Option<Decimal>,
    pub entry: Option<EntryChoice>,
    pub exit: Option<ExitChoice>,
    pub edge: Option<EdgeEstimate>,
    pub size: Option<Size>,
    pub reason_codes: Vec<ReasonCode>,
    pub decision: Option<Decision>,
    pub decision_hash: Option<String>,
}

impl Assessment {
    fn new(view: &SymbolView<'_>, now_ms: i64) -> Self {
        Self {
            ts_ms: now_ms,
            symbol: view.symbol.to_owned(),
            regime: None,
            trend_score_x10000: None,
            features: None,
            min_edge_bps: None,
            entry: None,
            exit: None,
            edge: None,
            size: None,
            reason_codes: Vec::new(),
            decision: None,
            decision_hash: None,
        }
    }

    fn blocked(mut self, reasons: Vec<ReasonCode>) -> Self {
        self.reason_codes = reasons;
        self
    }

    pub fn is_entry(&self) -> bool {
        self.decision.is_some()
    }
}

pub fn decide(
    view: &SymbolView<'_>,
    context: &DecideContext<'_>,
    params: &StrategyParams,
) -> Assessment {
    let mut assessment = Assessment::new(view, context.now_ms());
    let tick = view.filters.tick_size;
    let scanned = view.features.cloned().or_else(|| {
        scan_symbol(
            view.symbol,
            view.bars,
            view.one_minute,
            tick,
            &params.deep,
            &params.micro,
        )
    });
    let Some(mut features) = scanned else {
        return assessment.blocked(vec![ReasonCode::HistoryInsufficient]);
    };
    if let Some(micro) = from_books(view.books, view.one_minute, &params.micro) {
        features.micro = micro;
    }
    let inputs = RegimeInputs {
        adx: features.adx,
        efficiency_ratio: features.efficiency_ratio,
        volatility_bps: features.volatility_bps,
    };
    let regime = classify(&inputs, view.previous_regime, &params.regime);
    assessment.trend_score_x10000 = Some(trend_score_x10000(&inputs, &params.regime));
    assessment.regime = Some(regime);
    assessment.features = Some(features);
    if let Err(reasons) = gate(view, context, regime, &assessment, params) {
        return assessment.blocked(reasons);
    }
    plan(view, context, regime, assessment, params)
}

fn gate(
    view: &SymbolView<'_>,
    context: &DecideContext<'_>,
    regime: Regime,
    assessment: &Assessment,
    params: &StrategyParams,
) -> Result<(), Vec<ReasonCode>> {
    if regime == Regime::NoTrade {
        return Err(vec![ReasonCode::VolatilityOutOfRange]);
    }
    let healthy = assessment
        .features
        .as_ref()
        .is_some_and(|f| f.micro.health != SpreadHealth::Wide);
    if !healthy {
        return Err(vec![ReasonCode::SpreadTooWide]);
    }
    if !entry_signal(view.bars, regime, &params.signal) {
        return Err(vec![ReasonCode::SignalNone]);
    }
    let overtrading = context
        .ledger
        .check(view.symbol, context.now_ms(), &params.overtrade);
    if overtrading.is_empty() {
        Ok(())
    } else {
        Err(overtrading)
    }
}

fn choose_entry(
    view: &SymbolView<'_>,
    features: &DeepFeatures,
    regime: Regime,
    params: &StrategyParams,
) -> EntryChoice {
    let tick = view.filters.tick_size;
    let book = view
        .books
        .last()
        .cloned()
        .unwrap_or_else(|| proxy_book(features.close, features.micro.spread_bps, tick));
    let costs = EntryCosts {
        maker_fee_bps: params.edge.maker_fee_bps,
        taker_fee_bps: params.edge.taker_fee_bps,
        half_spread_bps: features.micro.spread_bps / Decimal::TWO,
        expected_slippage_bps: params.edge.expected_slippage_bps,
    };
    plan_entry(regime, &book, tick, &costs, &params.entry)
}

fn plan(
    view: &SymbolView<'_>,
    context: &DecideContext<'_>,
    regime: Regime,
    mut assessment: Assessment,
    params: &StrategyParams,
) -> Assessment {
    let Some(features) = assessment.features.clone() else {
        return assessment.blocked(vec![ReasonCode::HistoryInsufficient]);
    };
    let tick = view.filters.tick_size;
    let half_spread_bps = features.micro.spread_bps / Decimal::TWO;
    let entry = choose_entry(view, &features, regime, params);
    let exit_inputs = ExitInputs {
        entry_price: entry.reference_price,
        atr: features.atr,
        regime,
        tick_size: tick,
        round_trip_fee_bps: params.round_trip_fee_bps(),
    };
    assessment.entry = Some(entry.clone());
    let exit = match plan_exit(&exit_inputs, &params.exit) {
        Ok(exit) => exit,
        Err(reason) => return assessment.blocked(vec![reason]),
    };
    assessment.exit = Some(exit.clone());
    let min_edge = adaptive_min_edge_bps(
        context.ledger.loss_streak(),
        features.volatility_bps,
        &params.adaptive,
    );
    assessment.min_edge_bps = Some(min_edge);
    let edge = estimate_edge(
        &EdgeInputs {
            regime,
            entry_price: entry.reference_price,
            take_profit: exit.take_profit,
            stop_loss: exit.stop_loss,
            half_spread_bps,
            entry_is_maker: entry.is_maker(),
            min_edge_bps: min_edge,
        },
        &params.edge,
    );
    assessment.edge = Some(edge.clone());
    if let Err(reason) = edge.check() {
        return assessment.blocked(vec![reason]);
    }
    size_and_build(view, context, regime, assessment, params)
}

fn size_and_build(
    view: &SymbolView<'_>,
    context: &DecideContext<'_>,
    regime: Regime,
    mut assessment: Assessment,
    params: &StrategyParams,
) -> Assessment {
    let (Some(entry), Some(exit)) = (assessment.entry.clone(), assessment.exit.clone()) else {
        return assessment.blocked(vec![ReasonCode::ContractPlanMissing]);
    };
    let sizing_inputs = SizingInputs {
        equity: context.account.equity,
        entry_price: entry.reference_price,
        stop_loss: exit.stop_loss,
        symbol_exposure: context.account.symbol_exposure,
        total_exposure: context.account.total_exposure,
    };
    let size = match size_position(&sizing_inputs, view.filters, &params.sizing) {
        Ok(size) => size,
        Err(reason) => return assessment.blocked(vec![reason]),
    };
    assessment.size = Some(size);
    match build_decision(view, context, regime, &assessment, params) {
        Ok((decision, hash)) => {
            assessment.decision = Some(decision);
            assessment.decision_hash = Some(hash);
            assessment
        }
        Err(violation) => assessment.blocked(vec![violation.reason]),
    }
}

#[cfg(test)]
#[path = "decide_tests.rs"]
mod tests;
