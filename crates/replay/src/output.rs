use std::collections::BTreeMap;
use std::io::Write;

use livespot_domain::{Decision, ReasonCode};
use livespot_pipeline::selection::{DeepFeatures, Exclusion, WatchlistChange};
use livespot_pipeline::{Assessment, EdgeEstimate, Regime};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ReplayError;

pub const SPREAD_SOURCE: &str = "KLINE_RANGE_PROXY";
pub const FILL_MODEL: &str = "NEXT_1M_CANDLES_HIGH_LOW_STOP_FIRST";

#[derive(Debug, Serialize)]
pub struct DecisionLine<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub cycle_id: &'a str,
    pub ts_ms: i64,
    pub symbol: &'a str,
    pub outcome: &'static str,
    pub regime: Option<Regime>,
    pub trend_score_x10000: Option<i64>,
    pub reason_codes: &'a [ReasonCode],
    pub spread_source: &'static str,
    pub spread_bps: Option<Decimal>,
    pub atr_bps: Option<Decimal>,
    pub volatility_bps: Option<Decimal>,
    pub min_edge_bps: Option<Decimal>,
    pub edge: Option<&'a EdgeEstimate>,
    pub decision: Option<&'a Decision>,
    pub decision_hash: Option<&'a str>,
}

impl<'a> DecisionLine<'a> {
    pub fn from_assessment(cycle_id: &'a str, assessment: &'a Assessment) -> Self {
        let features = assessment.features.as_ref();
        Self {
            kind: "decision",
            cycle_id,
            ts_ms: assessment.ts_ms,
            symbol: &assessment.symbol,
            outcome: if assessment.is_entry() {
                "ENTRY"
            } else {
                "BLOCK"
            },
            regime: assessment.regime,
            trend_score_x10000: assessment.trend_score_x10000,
            reason_codes: &assessment.reason_codes,
            spread_source: SPREAD_SOURCE,
            spread_bps: features.map(|f| f.micro.spread_bps),
            atr_bps: features.map(|f| f.atr_bps),
            volatility_bps: features.map(|f| f.volatility_bps),
            min_edge_bps: assessment.min_edge_bps,
            edge: assessment.edge.as_ref(),
            decision: assessment.decision.as_ref(),
            decision_hash: assessment.decision_hash.as_deref(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct WatchlistLine<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub ts_ms: i64,
    pub watchlist: &'a [String],
    pub scores_x10000: &'a BTreeMap<String, i64>,
    pub features: &'a BTreeMap<String, DeepFeatures>,
    pub changes: &'a [WatchlistChange],
    pub excluded: &'a [Exclusion],
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub symbols: Vec<String>,
    pub interval_minutes: u32,
    pub klines: usize,
    pub bars: usize,
    pub decisions: u64,
    pub entries_proposed: u64,
    pub blocks: u64,
    pub blocks_by_reason: BTreeMap<String, u64>,
    pub regimes_seen: BTreeMap<String, u64>,
    pub watchlist_updates: u64,
    pub entries_filled: u64,
    pub entries_missed: u64,
    pub exits_take_profit: u64,
    pub exits_stop: u64,
    pub open_at_end: u64,
    pub final_equity: Decimal,
    pub spread_source: &'static str,
    pub fill_model: &'static str,
}

impl Summary {
    pub fn record(&mut self, assessment: &Assessment) {
        self.decisions += 1;
        if let Some(regime) = assessment.regime {
            *self
                .regimes_seen
                .entry(regime.as_str().to_owned())
                .or_default() += 1;
        }
        if assessment.is_entry() {
            self.entries_proposed += 1;
        } else {
            self.blocks += 1;
            for reason in &assessment.reason_codes {
                *self
                    .blocks_by_reason
                    .entry(reason.as_str().to_owned())
                    .or_default() += 1;
            }
        }
    }
}

pub fn write_line<T: Serialize>(out: &mut dyn Write, line: &T) -> Result<(), ReplayError> {
    let text = serde_json::to_string(line).map_err(|error| ReplayError::Encode {
        detail: error.to_string(),
    })?;
    writeln!(out, "{text}").map_err(|error| ReplayError::Output {
        detail: error.to_string(),
    })
}
