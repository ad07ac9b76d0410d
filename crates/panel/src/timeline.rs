use axum::extract::State;
use axum::response::Response;
use livespot_audit::panel_queries::JsonRow;
use serde::Serialize;

use crate::PanelState;
use crate::row::{int, payload_text, reason_codes, text};
use crate::store::{api_response, read_store};

pub const TIMELINE_LENGTH: u32 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageView {
    pub ts_ms: i64,
    pub stage: Option<String>,
    pub from_stage: Option<String>,
    pub source: Option<String>,
    pub cycle_id: Option<String>,
    pub decision_id: Option<String>,
    pub symbol: Option<String>,
    pub summary: String,
}

pub const SUMMARY_KEYS: [&str; 4] = ["summary", "detail", "reason", "message"];

pub fn stage_name(row: &JsonRow) -> Option<String> {
    text(row, "stage")
        .or_else(|| payload_text(row, &["stage"]))
        .or_else(|| text(row, "source").map(|source| source.to_ascii_uppercase()))
}

pub fn stage_summary(row: &JsonRow) -> String {
    SUMMARY_KEYS
        .iter()
        .filter_map(|key| payload_text(row, &[key]))
        .find(|summary| !summary.trim().is_empty())
        .unwrap_or_else(|| reason_codes(row).join(","))
}

pub fn stage_view(row: &JsonRow) -> StageView {
    StageView {
        ts_ms: int(row, "ts_ms").unwrap_or_default(),
        stage: stage_name(row),
        from_stage: text(row, "from_state"),
        source: text(row, "source"),
        cycle_id: text(row, "cycle_id"),
        decision_id: text(row, "decision_id"),
        symbol: payload_text(row, &["symbol"]),
        summary: stage_summary(row),
    }
}

pub async fn timeline(State(state): State<PanelState>) -> Response {
    let read = read_store(&state, |queries| queries.stage_timeline(TIMELINE_LENGTH)).await;
    api_response(read.map(|rows| rows.map(|rows| rows.iter().map(stage_view).collect::<Vec<_>>())))
}
