use axum::extract::State;
use axum::response::Response;
use livespot_audit::AuditError;
use livespot_audit::panel_queries::{JsonRow, PanelQueries, RowFilter};
use livespot_domain::SysMode;
use serde::Serialize;

use crate::alerts::{AlertsBody, alerts_body};
use crate::row::{int, payload_text, reason_codes, text};
use crate::store::{STORE_NO_DATA_YET, STORE_OK, api_response, read_store};
use crate::timeline::stage_name;
use crate::{PanelError, PanelState};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderSummary {
    pub store: &'static str,
    pub mode: &'static str,
    pub venue_clock_scale: u32,
    pub sys_mode: &'static str,
    pub since_ms: Option<i64>,
    pub active_reason_codes: Vec<String>,
    pub stage: Option<String>,
    pub stage_ts_ms: Option<i64>,
    pub run_id: String,
    pub cycle_id: Option<String>,
    pub decision_id: Option<String>,
    pub last_event_id: i64,
    pub last_event_ts_ms: Option<i64>,
    pub alerts: Option<AlertsBody>,
}

#[derive(Debug, Default)]
pub struct SummaryRows {
    pub ids: JsonRow,
    pub mode_change: Option<JsonRow>,
    pub stage: Option<JsonRow>,
    pub alerts: Vec<JsonRow>,
    pub last_traced_decision: Option<String>,
}

pub const MODE_ARROW: &str = "->";

pub fn mode_reached(change: &JsonRow) -> Option<String> {
    text(change, "to_state").or_else(|| {
        let detail = payload_text(change, &["detail"])?;
        let (_, to) = detail.rsplit_once(MODE_ARROW)?;
        Some(to.trim().to_owned())
    })
}

pub const HEADER_STAGE_LOOKBACK: u32 = 20;

pub fn current_stage(recent: Vec<JsonRow>) -> Option<JsonRow> {
    let pipeline = recent
        .iter()
        .position(|row| text(row, "stage").is_some() || payload_text(row, &["stage"]).is_some());
    let index = pipeline.unwrap_or(0);
    recent.into_iter().nth(index)
}

pub fn last_traced_decision(queries: &PanelQueries) -> Result<Option<String>, AuditError> {
    let newest = RowFilter {
        limit: 1,
        ..RowFilter::default()
    };
    let verdicts = queries.risk_verdicts(&newest)?;
    let gate_calls = queries.ai_gate_events(&newest)?;
    Ok(verdicts
        .into_iter()
        .chain(gate_calls)
        .filter(|row| text(row, "decision_id").is_some())
        .max_by_key(|row| int(row, "event_id").unwrap_or_default())
        .and_then(|row| text(&row, "decision_id")))
}

pub async fn load_summary(state: &PanelState) -> Result<HeaderSummary, PanelError> {
    let rows = read_store(state, |queries| {
        Ok(SummaryRows {
            ids: queries.header_ids()?,
            mode_change: queries.latest_mode_change()?,
            stage: current_stage(queries.stage_timeline(HEADER_STAGE_LOOKBACK)?),
            alerts: queries.active_alerts_detailed()?,
            last_traced_decision: last_traced_decision(queries)?,
        })
    })
    .await?;
    Ok(summarize(state, rows))
}

pub fn summarize(state: &PanelState, rows: Option<SummaryRows>) -> HeaderSummary {
    let current = state.current_sys_mode();
    let observed_since = state.mode_observer.observe(current, state.now_ms());
    let sys_mode = current.as_str();
    let store = if rows.is_some() {
        STORE_OK
    } else {
        STORE_NO_DATA_YET
    };
    let rows = rows.unwrap_or_default();
    let mode_change = rows
        .mode_change
        .as_ref()
        .filter(|change| mode_reached(change).as_deref() == Some(sys_mode));
    let alerts = alerts_body(state, &rows.alerts);
    let mut active_reason_codes: Vec<String> = mode_change
        .filter(|_| current != SysMode::Normal)
        .map(reason_codes)
        .unwrap_or_default();
    for alert in &alerts.alerts {
        if !active_reason_codes.contains(&alert.reason_code) {
            active_reason_codes.push(alert.reason_code.clone());
        }
    }
    HeaderSummary {
        store,
        mode: state.mode_label,
        venue_clock_scale: state.venue_clock_scale,
        sys_mode,
        since_ms: mode_change
            .and_then(|change| int(change, "ts_ms"))
            .or(observed_since),
        active_reason_codes,
        stage: rows.stage.as_ref().and_then(stage_name),
        stage_ts_ms: rows.stage.as_ref().and_then(|stage| int(stage, "ts_ms")),
        run_id: state.run_id.clone(),
        cycle_id: text(&rows.ids, "cycle_id"),
        decision_id: text(&rows.ids, "decision_id").or(rows.last_traced_decision),
        last_event_id: int(&rows.ids, "last_event_id").unwrap_or_default(),
        last_event_ts_ms: int(&rows.ids, "last_ts_ms").filter(|ts| *ts > 0),
        alerts: Some(alerts),
    }
}

pub async fn summary(State(state): State<PanelState>) -> Response {
    api_response(load_summary(&state).await.map(Some))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_mode_reached_comes_from_the_projection_or_the_launcher_detail() {
        let projected = json!({"to_state": "DEGRADE"});
        assert_eq!(
            mode_reached(projected.as_object().unwrap()).as_deref(),
            Some("DEGRADE")
        );
        let launcher = json!({"to_state": null, "payload": {"detail": "NORMAL -> PAUSE"}});
        assert_eq!(
            mode_reached(launcher.as_object().unwrap()).as_deref(),
            Some("PAUSE")
        );
        let unknown = json!({"payload": {"detail": "mode"}});
        assert_eq!(mode_reached(unknown.as_object().unwrap()), None);
    }
}
