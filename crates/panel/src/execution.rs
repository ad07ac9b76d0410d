use axum::extract::State;
use axum::response::Response;
use livespot_audit::panel_queries::{ChurnCounts, JsonRow};
use serde::Serialize;

use crate::PanelState;
use crate::churn::churn_from_orders;
use crate::exec_rows::{normalize_order, state_count_rows};
use crate::orders_tab::{intent_sides, normalized_intents, wide};
use crate::row::{int, payload_int, payload_text, reason_codes, text};
use crate::store::{api_response, read_store};

pub const PINNED_STATE: &str = "SENT_UNKNOWN";
pub const BINANCE_ORDERS_PER_10S: i64 = 50;
pub const NEAR_LIMIT_PCT: i64 = 80;
pub const RECENT_DIFFS: u32 = 10;
pub const DRIFT_BAD_CODE: &str = "DRIFT_LIMIT_EXCEEDED";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateCount {
    pub state: String,
    pub count: i64,
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconcileView {
    pub ts_ms: i64,
    pub duration_ms: Option<i64>,
    pub drift: String,
    pub reason_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChurnView {
    pub counts: ChurnCounts,
    pub limit_10s: i64,
    pub near_limit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionView {
    pub intents_by_state: Vec<StateCount>,
    pub sent_unknown: Vec<JsonRow>,
    pub last_reconcile: Option<ReconcileView>,
    pub recent_diffs: Vec<JsonRow>,
    pub churn: ChurnView,
}

pub fn pinned_counts(rows: &[JsonRow]) -> Vec<StateCount> {
    let mut counts: Vec<StateCount> = rows
        .iter()
        .map(|row| {
            let state = text(row, "state").unwrap_or_default();
            StateCount {
                pinned: state == PINNED_STATE,
                count: int(row, "count").unwrap_or_default(),
                state,
            }
        })
        .collect();
    if !counts.iter().any(|count| count.pinned) {
        counts.push(StateCount {
            state: PINNED_STATE.to_owned(),
            count: 0,
            pinned: true,
        });
    }
    counts.sort_by_key(|count| !count.pinned);
    counts
}

pub fn reconcile_view(row: &JsonRow, diffs_in_run: usize) -> ReconcileView {
    let codes = reason_codes(row);
    let drift = payload_text(row, &["drift"]).unwrap_or_else(|| {
        if codes.iter().any(|code| code == DRIFT_BAD_CODE) {
            "BAD".to_owned()
        } else if diffs_in_run > 0 {
            "WARN".to_owned()
        } else {
            "OK".to_owned()
        }
    });
    ReconcileView {
        ts_ms: int(row, "ts_ms").unwrap_or_default(),
        duration_ms: payload_int(row, &["duration_ms", "elapsed_ms"]),
        drift,
        reason_codes: codes,
    }
}

pub fn churn_view(counts: ChurnCounts) -> ChurnView {
    ChurnView {
        near_limit: counts.orders_10s * 100 >= BINANCE_ORDERS_PER_10S * NEAR_LIMIT_PCT,
        limit_10s: BINANCE_ORDERS_PER_10S,
        counts,
    }
}

fn execution_view(
    states: &[JsonRow],
    sent_unknown: Vec<JsonRow>,
    runs: &[JsonRow],
    diffs: Vec<JsonRow>,
    churn: ChurnCounts,
) -> ExecutionView {
    let last_reconcile = runs.first().map(|run| {
        let since = int(run, "ts_ms").unwrap_or_default();
        let previous = runs
            .get(1)
            .and_then(|older| int(older, "ts_ms"))
            .unwrap_or(i64::MIN);
        let in_run = diffs
            .iter()
            .filter(|diff| int(diff, "ts_ms").is_some_and(|ts| ts > previous && ts <= since))
            .count();
        reconcile_view(run, in_run)
    });
    ExecutionView {
        intents_by_state: pinned_counts(states),
        sent_unknown,
        last_reconcile,
        recent_diffs: diffs,
        churn: churn_view(churn),
    }
}

pub async fn execution(State(state): State<PanelState>) -> Response {
    let now_ms = state.now_ms();
    let read = read_store(&state, move |queries| {
        let sides = intent_sides(queries)?;
        let intents = normalized_intents(queries, &sides)?;
        let counts = state_count_rows(&intents);
        let orders: Vec<JsonRow> = queries
            .orders(&wide())?
            .iter()
            .map(|row| normalize_order(row, &sides))
            .collect();
        let sent_unknown = intents
            .into_iter()
            .filter(|intent| text(intent, "state").as_deref() == Some(PINNED_STATE))
            .collect();
        Ok(execution_view(
            &counts,
            sent_unknown,
            &queries.reconcile_runs(2)?,
            queries.reconcile_diffs(RECENT_DIFFS)?,
            churn_from_orders(&orders, now_ms),
        ))
    })
    .await;
    api_response(read)
}
