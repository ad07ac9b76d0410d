use axum::extract::State;
use axum::response::Response;
use livespot_audit::panel_queries::JsonRow;
use serde::Serialize;

use crate::PanelState;
use crate::row::int;
use crate::state::DiskLimits;
use crate::store::{api_response, read_store};

pub const HEALTH_SOURCE: &str = "audit";
pub const SPARKLINE_POINTS: u32 = 60;
pub const QUEUE_HIGH_PCT: i64 = 80;
pub const QUEUE_FULL_PCT: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthView {
    pub sampled_ts_ms: Option<i64>,
    pub disk_free_bytes: Option<i64>,
    pub disk_level: &'static str,
    pub db_bytes: Option<i64>,
    pub wal_bytes: Option<i64>,
    pub db_bytes_series: Vec<i64>,
    pub wal_bytes_series: Vec<i64>,
    pub queue_pct: Option<i64>,
    pub lag_ms: Option<i64>,
    pub writer_state: &'static str,
    pub events_per_min: Option<i64>,
    pub drops: Option<i64>,
    pub sources: Vec<JsonRow>,
}

pub fn disk_level(limits: DiskLimits, free_bytes: Option<i64>) -> &'static str {
    let Some(free) = free_bytes.and_then(|free| u64::try_from(free).ok()) else {
        return "UNKNOWN";
    };
    if free < limits.crit_below_bytes {
        "CRIT"
    } else if free < limits.warn_below_bytes {
        "WARN"
    } else {
        "OK"
    }
}

pub fn writer_state(queue_pct: Option<i64>) -> &'static str {
    match queue_pct {
        None => "UNKNOWN",
        Some(pct) if pct >= QUEUE_FULL_PCT => "FULL",
        Some(pct) if pct >= QUEUE_HIGH_PCT => "HIGH",
        Some(_) => "OK",
    }
}

pub fn health_view(
    limits: DiskLimits,
    newest_first: &[JsonRow],
    sources: Vec<JsonRow>,
) -> HealthView {
    let latest = newest_first.first();
    let series = |key: &str| -> Vec<i64> {
        newest_first
            .iter()
            .rev()
            .filter_map(|row| int(row, key))
            .collect()
    };
    let field = |key: &str| latest.and_then(|row| int(row, key));
    HealthView {
        sampled_ts_ms: field("ts_ms"),
        disk_free_bytes: field("disk_free_bytes"),
        disk_level: disk_level(limits, field("disk_free_bytes")),
        db_bytes: field("db_bytes"),
        wal_bytes: field("wal_bytes"),
        db_bytes_series: series("db_bytes"),
        wal_bytes_series: series("wal_bytes"),
        queue_pct: field("queue_pct"),
        lag_ms: field("lag_ms"),
        writer_state: writer_state(field("queue_pct")),
        events_per_min: field("events_per_min"),
        drops: field("drops"),
        sources,
    }
}

pub async fn health_panel(State(state): State<PanelState>) -> Response {
    let limits = state.disk;
    let read = read_store(&state, |queries| {
        Ok((
            queries.health_recent(HEALTH_SOURCE, SPARKLINE_POINTS)?,
            queries.latest_health_per_source()?,
        ))
    })
    .await;
    api_response(
        read.map(|rows| rows.map(|(recent, sources)| health_view(limits, &recent, sources))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: DiskLimits = DiskLimits {
        warn_below_bytes: 1_000,
        crit_below_bytes: 100,
    };

    #[test]
    fn disk_levels_follow_configured_thresholds() {
        assert_eq!(disk_level(LIMITS, Some(50)), "CRIT");
        assert_eq!(disk_level(LIMITS, Some(500)), "WARN");
        assert_eq!(disk_level(LIMITS, Some(5_000)), "OK");
        assert_eq!(disk_level(LIMITS, None), "UNKNOWN");
    }

    #[test]
    fn writer_state_marks_high_and_full_queues() {
        assert_eq!(writer_state(Some(10)), "OK");
        assert_eq!(writer_state(Some(85)), "HIGH");
        assert_eq!(writer_state(Some(100)), "FULL");
        assert_eq!(writer_state(None), "UNKNOWN");
    }
}
