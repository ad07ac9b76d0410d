use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use livespot_audit::panel_queries::{JsonRow, PanelQueries};
use serde::Serialize;

use crate::PanelState;
use crate::row::{int, payload_text, text};
use crate::severity::Severity;
use crate::store::{api_response, read_store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertView {
    pub severity: Severity,
    pub reason_code: String,
    pub count: i64,
    pub last_ts_ms: i64,
    pub stage: Option<String>,
    pub cycle_id: Option<String>,
    pub decision_id: Option<String>,
    pub order_intent_id: Option<String>,
    pub source: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertsBody {
    pub toast: BTreeMap<&'static str, usize>,
    pub alerts: Vec<AlertView>,
}

pub fn alert_view(state: &PanelState, row: &JsonRow) -> AlertView {
    let reason_code = text(row, "reason_code").unwrap_or_default();
    let severity = payload_text(row, &["severity"])
        .and_then(|named| Severity::parse(&named))
        .unwrap_or_else(|| state.severity_of(&reason_code));
    AlertView {
        severity,
        count: int(row, "count").unwrap_or(1),
        last_ts_ms: int(row, "last_ts_ms").unwrap_or_default(),
        stage: payload_text(row, &["stage"]),
        cycle_id: text(row, "cycle_id"),
        decision_id: text(row, "decision_id"),
        order_intent_id: text(row, "order_intent_id"),
        source: text(row, "source"),
        detail: text(row, "detail"),
        reason_code,
    }
}

pub fn alerts_body(state: &PanelState, rows: &[JsonRow]) -> AlertsBody {
    let mut alerts: Vec<AlertView> = rows.iter().map(|row| alert_view(state, row)).collect();
    alerts.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.last_ts_ms.cmp(&a.last_ts_ms))
    });
    let toast = Severity::ALL
        .into_iter()
        .map(|severity| {
            let count = alerts
                .iter()
                .filter(|alert| alert.severity == severity)
                .count();
            (severity.as_str(), count)
        })
        .collect();
    AlertsBody { toast, alerts }
}

pub async fn alerts(State(state): State<PanelState>) -> Response {
    let read = read_store(&state, PanelQueries::active_alerts_detailed).await;
    api_response(read.map(|rows| rows.map(|rows| alerts_body(&state, &rows))))
}
