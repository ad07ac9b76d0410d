use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use livespot_audit::panel_queries::{JsonRow, RowFilter};
use livespot_risk::rules::limits::RiskLimits;
use serde::Serialize;
use serde_json::{Value, json};

use crate::PanelState;
use crate::orders_tab::{ACCOUNT_STATE_EVENT, MAX_ROWS, TAB_ROWS};
use crate::risk_view::{AccountRisk, account_risk, verdict_row};
use crate::row::{reason_codes, text};
use crate::signals::{TOPN_STAGES, signal_row, stage_detail_row};
use crate::store::{api_response, read_store};
use crate::topn_view::{selection_summary, watchlist_change_rows};

pub const AI_FAILURE_WINDOW: u32 = 200;
pub const AI_FAILURE_PREFIX: &str = "AI_";
pub const SCORE_SCALE: usize = 10_000;
pub const TOPN_ROWS: u32 = 10;
pub const WATCHLIST_STAGE: &str = "WATCHLIST";

fn recent() -> RowFilter {
    RowFilter {
        limit: TAB_ROWS,
        ..RowFilter::default()
    }
}

pub async fn market(State(state): State<PanelState>) -> Response {
    let read = read_store(&state, |queries| {
        let mut tab = BTreeMap::new();
        let decisions = queries.decisions(&recent())?;
        tab.insert("signals", decisions.iter().map(signal_row).collect());
        tab.insert("snapshots", queries.latest_snapshots(MAX_ROWS)?);
        tab.insert("decisions", decisions);
        Ok(tab)
    })
    .await;
    api_response(read)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskTab {
    pub limits: RiskLimits,
    pub account: Option<AccountRisk>,
    pub verdicts: Vec<JsonRow>,
}

pub async fn risk(State(state): State<PanelState>) -> Response {
    let limits = state.risk_limits.clone();
    let now_ms = state.now_ms();
    let read = read_store(&state, move |queries| {
        let account = queries
            .recent_events_of_type(ACCOUNT_STATE_EVENT, 1)?
            .first()
            .and_then(|row| account_risk(row, &limits, now_ms));
        Ok(RiskTab {
            limits: (*limits).clone(),
            account,
            verdicts: queries
                .risk_verdicts(&recent())?
                .iter()
                .map(verdict_row)
                .collect(),
        })
    })
    .await;
    api_response(read)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AiGateTab {
    pub calls: Vec<JsonRow>,
    pub verdict_counts: Vec<JsonRow>,
    pub failures_by_kind: BTreeMap<String, usize>,
    pub failure_rate_x10000_by_kind: BTreeMap<String, usize>,
    pub window_calls: usize,
    pub fail_closed: bool,
}

pub fn ai_gate_tab(window: &[JsonRow], verdict_counts: Vec<JsonRow>) -> AiGateTab {
    let mut failures_by_kind = BTreeMap::new();
    for code in window.iter().flat_map(reason_codes) {
        if code.starts_with(AI_FAILURE_PREFIX) {
            *failures_by_kind.entry(code).or_insert(0) += 1;
        }
    }
    let fail_closed = window.first().is_some_and(|last| {
        text(last, "verdict").as_deref() == Some("ERROR")
            || reason_codes(last)
                .iter()
                .any(|code| code.starts_with(AI_FAILURE_PREFIX))
    });
    let failure_rate_x10000_by_kind = failures_by_kind
        .iter()
        .map(|(code, count)| (code.clone(), count * SCORE_SCALE / window.len().max(1)))
        .collect();
    AiGateTab {
        calls: window.iter().take(TAB_ROWS as usize).cloned().collect(),
        verdict_counts,
        failures_by_kind,
        failure_rate_x10000_by_kind,
        window_calls: window.len(),
        fail_closed,
    }
}

pub async fn ai_gate(State(state): State<PanelState>) -> Response {
    let read = read_store(&state, |queries| {
        let window = RowFilter {
            limit: AI_FAILURE_WINDOW,
            ..RowFilter::default()
        };
        Ok(ai_gate_tab(
            &queries.ai_gate_events(&window)?,
            queries.ai_verdict_counts()?,
        ))
    })
    .await;
    api_response(read)
}

pub async fn topn(State(state): State<PanelState>) -> Response {
    let limits = state.selection_limits;
    let read = read_store(&state, move |queries| {
        let mut tab: BTreeMap<&str, Value> = BTreeMap::new();
        let mut watchlists = Vec::new();
        for stage in TOPN_STAGES {
            let rows: Vec<JsonRow> = queries
                .stage_changes_named(stage, TOPN_ROWS)?
                .iter()
                .map(stage_detail_row)
                .collect();
            if stage == WATCHLIST_STAGE {
                watchlists.clone_from(&rows);
            }
            tab.insert(stage, json!(rows));
        }
        let summary = selection_summary(watchlists.first(), limits);
        tab.insert("SELECTION", json!(summary));
        tab.insert(
            "WATCHLIST_CHANGES",
            json!(watchlist_change_rows(&watchlists)),
        );
        Ok(tab)
    })
    .await;
    api_response(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(verdict: &str, codes: &[&str]) -> JsonRow {
        serde_json::json!({"verdict": verdict, "reason_codes": codes})
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn gate_failures_are_counted_and_rated_by_kind_and_a_failed_last_call_is_fail_closed() {
        let window = [
            call("ERROR", &["AI_TIMEOUT"]),
            call("ALLOW", &[]),
            call("ERROR", &["AI_SCHEMA_INVALID"]),
            call("ALLOW", &[]),
        ];
        let tab = ai_gate_tab(&window, Vec::new());
        assert!(tab.fail_closed);
        assert_eq!(tab.window_calls, 4);
        assert_eq!(tab.failures_by_kind["AI_TIMEOUT"], 1);
        assert_eq!(tab.failure_rate_x10000_by_kind["AI_TIMEOUT"], 2_500);
        assert_eq!(tab.failure_rate_x10000_by_kind["AI_SCHEMA_INVALID"], 2_500);
        let recovered = ai_gate_tab(&window[1..], Vec::new());
        assert!(!recovered.fail_closed);
    }
}
