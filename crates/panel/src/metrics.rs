use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use livespot_audit::panel_queries::JsonRow;

use crate::PanelState;
use crate::exec_rows::state_count_rows;
use crate::health_view::{HEALTH_SOURCE, health_view};
use crate::orders_tab::{intent_sides, normalized_intents};
use crate::row::{int, payload_int, text};
use crate::store::read_store;
use crate::summary::{HeaderSummary, load_summary};

pub const PROMETHEUS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";
pub const WEIGHT_KEYS: [&str; 3] = ["weight_used", "used_weight", "used_weight_1m"];
pub const WS_STALENESS_KEYS: [&str; 3] = ["ws_staleness_ms", "ws_stale_ms", "staleness_ms"];

#[derive(Debug, Default)]
struct MetricRows {
    audit_health: Vec<JsonRow>,
    sources: Vec<JsonRow>,
    intents: Vec<JsonRow>,
}

fn gauge(out: &mut Vec<String>, name: &str, labels: &str, value: i64) {
    let labels = if labels.is_empty() {
        String::new()
    } else {
        format!("{{{labels}}}")
    };
    out.push(format!("{name}{labels} {value}"));
}

fn header_metrics(out: &mut Vec<String>, summary: &HeaderSummary) {
    gauge(out, "livespot_panel_up", "", 1);
    gauge(
        out,
        "livespot_mode",
        &format!("mode=\"{}\"", summary.mode),
        1,
    );
    gauge(
        out,
        "livespot_sys_mode",
        &format!("sys_mode=\"{}\"", summary.sys_mode),
        1,
    );
    for code in &summary.active_reason_codes {
        gauge(
            out,
            "livespot_reason_code_active",
            &format!("code=\"{code}\""),
            1,
        );
    }
    gauge(
        out,
        "livespot_audit_last_event_id",
        "",
        summary.last_event_id,
    );
    if let Some(alerts) = &summary.alerts {
        for (severity, count) in &alerts.toast {
            let count = i64::try_from(*count).unwrap_or(i64::MAX);
            gauge(
                out,
                "livespot_alerts_active",
                &format!("severity=\"{severity}\""),
                count,
            );
        }
    }
}

fn store_metrics(out: &mut Vec<String>, state: &PanelState, rows: &MetricRows) {
    let health = health_view(state.disk, &rows.audit_health, Vec::new());
    let pairs = [
        ("livespot_audit_queue_pct", health.queue_pct),
        ("livespot_audit_lag_ms", health.lag_ms),
        ("livespot_audit_drops", health.drops),
        ("livespot_audit_events_per_min", health.events_per_min),
        ("livespot_audit_db_bytes", health.db_bytes),
        ("livespot_audit_wal_bytes", health.wal_bytes),
        ("livespot_disk_free_bytes", health.disk_free_bytes),
    ];
    for (name, value) in pairs {
        if let Some(value) = value {
            gauge(out, name, "", value);
        }
    }
    for row in &rows.intents {
        let state = text(row, "state").unwrap_or_default();
        gauge(
            out,
            "livespot_intents",
            &format!("state=\"{state}\""),
            int(row, "count").unwrap_or_default(),
        );
    }
    for row in &rows.sources {
        let source = text(row, "source").unwrap_or_default();
        let labels = format!("source=\"{source}\"");
        if let Some(weight) = payload_int(row, &WEIGHT_KEYS) {
            gauge(out, "livespot_rest_weight_used", &labels, weight);
        }
        if let Some(stale) = payload_int(row, &WS_STALENESS_KEYS) {
            gauge(out, "livespot_ws_staleness_ms", &labels, stale);
        }
    }
}

pub async fn metrics(State(state): State<PanelState>) -> Response {
    let summary = match load_summary(&state).await {
        Ok(summary) => summary,
        Err(error) => return error.into_response(),
    };
    let rows = read_store(&state, |queries| {
        Ok(MetricRows {
            audit_health: queries.health_recent(HEALTH_SOURCE, 1)?,
            sources: queries.latest_health_per_source()?,
            intents: state_count_rows(&normalized_intents(queries, &intent_sides(queries)?)?),
        })
    })
    .await;
    let mut out = Vec::new();
    header_metrics(&mut out, &summary);
    match rows {
        Ok(Some(rows)) => store_metrics(&mut out, &state, &rows),
        Ok(None) => {}
        Err(error) => return error.into_response(),
    }
    let mut text = out.join("\n");
    text.push('\n');
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE)],
        text,
    )
        .into_response()
}
