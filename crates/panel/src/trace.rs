use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use livespot_audit::panel_queries::JsonRow;
use serde::Serialize;

use crate::row::text;
use crate::store::{api_response, read_store};
use crate::{PanelError, PanelState};

pub const MAX_ID_LEN: usize = 64;

pub const TRACE_STEPS: [(&str, &[&str]); 9] = [
    ("snapshots", &["SNAPSHOT"]),
    ("decision", &["DECISION"]),
    ("ai_gate", &["AIGATE_CALL"]),
    ("risk", &["RISK_VERDICT"]),
    (
        "intents",
        &["INTENT_SIGNED", "INTENT_REFUSED", "INTENT_STATE"],
    ),
    ("orders", &["ORDER"]),
    ("fills", &["FILL"]),
    ("positions", &["POSITION", "PROTECTION_INSTALLED"]),
    ("reconcile", &["RECONCILE_REST", "RECONCILE_DIFF"]),
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceView {
    pub kind: &'static str,
    pub id: String,
    pub decision_id: Option<String>,
    pub steps: BTreeMap<&'static str, Vec<JsonRow>>,
    pub other: Vec<JsonRow>,
    pub events: usize,
}

pub fn checked_id(id: &str) -> Result<String, PanelError> {
    let valid = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b':' | b'.'));
    if valid {
        Ok(id.to_owned())
    } else {
        Err(PanelError::BadId {
            detail: format!("id must be 1..={MAX_ID_LEN} chars of [A-Za-z0-9_:.-]"),
        })
    }
}

pub fn trace_view(
    kind: &'static str,
    id: String,
    decision_id: Option<String>,
    rows: Vec<JsonRow>,
) -> TraceView {
    let mut steps: BTreeMap<&'static str, Vec<JsonRow>> = TRACE_STEPS
        .iter()
        .map(|(step, _)| (*step, Vec::new()))
        .collect();
    let mut other = Vec::new();
    let events = rows.len();
    for row in rows {
        let event_type = text(&row, "event_type").unwrap_or_default();
        let step = TRACE_STEPS
            .iter()
            .find(|(_, types)| types.contains(&event_type.as_str()))
            .map(|(step, _)| *step);
        match step.and_then(|step| steps.get_mut(step)) {
            Some(bucket) => bucket.push(row),
            None => other.push(row),
        }
    }
    TraceView {
        kind,
        id,
        decision_id,
        steps,
        other,
        events,
    }
}

pub async fn decision_trace(State(state): State<PanelState>, Path(id): Path<String>) -> Response {
    let id = match checked_id(&id) {
        Ok(id) => id,
        Err(error) => return api_response::<TraceView>(Err(error)),
    };
    let read = read_store(&state, move |queries| {
        let rows = queries.decision_trace_rows(&id)?;
        Ok(trace_view("decision", id.clone(), Some(id), rows))
    })
    .await;
    api_response(read)
}

pub async fn intent_trace(State(state): State<PanelState>, Path(id): Path<String>) -> Response {
    let id = match checked_id(&id) {
        Ok(id) => id,
        Err(error) => return api_response::<TraceView>(Err(error)),
    };
    let read = read_store(&state, move |queries| {
        let decision_id = queries.decision_of_intent(&id)?;
        let rows = match &decision_id {
            Some(decision_id) => queries.decision_trace_rows(decision_id)?,
            None => queries.intent_only_trace_rows(&id)?,
        };
        Ok(trace_view("intent", id, decision_id, rows))
    })
    .await;
    api_response(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_outside_the_safe_charset_are_refused() {
        assert!(checked_id("dec-1_a:b.c").is_ok());
        for bad in ["", "a b", "x/../y", "<script>", &"a".repeat(65)] {
            assert!(checked_id(bad).is_err(), "{bad} accepted");
        }
    }
}
