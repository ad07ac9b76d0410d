use rusqlite::params;
use serde::Serialize;

use super::{JsonRow, PanelQueries};
use crate::AuditError;

pub const CHURN_SHORT_WINDOW_MS: i64 = 10_000;
pub const CHURN_LONG_WINDOW_MS: i64 = 60_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChurnCounts {
    pub orders_10s: i64,
    pub cancels_10s: i64,
    pub orders_60s: i64,
    pub cancels_60s: i64,
}

impl PanelQueries {
    pub fn header_ids(&self) -> Result<JsonRow, AuditError> {
        let rows = self.rows(
            "SELECT (SELECT run_id FROM runs ORDER BY started_ts_ms DESC LIMIT 1) AS run_id, \
             (SELECT mode FROM runs ORDER BY started_ts_ms DESC LIMIT 1) AS run_mode, \
             (SELECT cycle_id FROM cycles ORDER BY rowid DESC LIMIT 1) AS cycle_id, \
             (SELECT decision_id FROM decisions ORDER BY event_id DESC LIMIT 1) AS decision_id, \
             (SELECT coalesce(max(event_id), 0) FROM events) AS last_event_id, \
             (SELECT coalesce(max(ts_ms), 0) FROM events WHERE event_id = \
               (SELECT max(event_id) FROM events)) AS last_ts_ms",
            [],
        )?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }

    pub fn latest_mode_change(&self) -> Result<Option<JsonRow>, AuditError> {
        let rows = self.rows(
            "SELECT s.event_id, s.ts_ms, s.source, s.from_state, s.to_state, s.reason_codes, \
             e.payload_json FROM stage_changes s JOIN events e ON e.event_id = s.event_id \
             WHERE s.kind = 'MODE_CHANGED' ORDER BY s.event_id DESC LIMIT 1",
            [],
        )?;
        Ok(rows.into_iter().next())
    }

    pub fn stage_timeline(&self, limit: u32) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT s.event_id, s.ts_ms, s.source, s.from_state, s.to_state AS stage, s.reason_codes, \
             e.run_id, e.cycle_id, e.decision_id, e.order_intent_id, e.payload_json \
             FROM stage_changes s JOIN events e ON e.event_id = s.event_id \
             WHERE s.kind = 'STAGE_CHANGED' ORDER BY s.event_id DESC LIMIT ?1",
            params![limit],
        )
    }

    pub fn active_alerts_detailed(&self) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT a.event_id, a.code AS reason_code, a.ts_ms AS last_ts_ms, a.source, a.detail, \
             a.reason_codes, e.run_id, e.cycle_id, e.decision_id, e.order_intent_id, e.payload_json, \
             (SELECT count(*) FROM alerts c WHERE c.code = a.code AND c.raised = 1 AND c.event_id > \
               coalesce((SELECT max(d.event_id) FROM alerts d WHERE d.code = a.code AND d.raised = 0), 0)) \
               AS count \
             FROM alerts a JOIN events e ON e.event_id = a.event_id \
             WHERE a.raised = 1 AND a.event_id = (SELECT max(b.event_id) FROM alerts b WHERE b.code = a.code) \
             ORDER BY a.event_id DESC",
            [],
        )
    }

    pub fn health_recent(&self, source: &str, limit: u32) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT event_id, ts_ms, source, queue_pct, lag_ms, drops, events_per_min, disk_free_bytes, \
             db_bytes, wal_bytes, payload_json FROM process_health WHERE source = ?1 \
             ORDER BY ts_ms DESC, event_id DESC LIMIT ?2",
            params![source, limit],
        )
    }

    pub fn latest_health_per_source(&self) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT p.event_id, p.ts_ms, p.source, p.queue_pct, p.lag_ms, p.drops, p.events_per_min, \
             p.disk_free_bytes, p.db_bytes, p.wal_bytes, p.payload_json FROM process_health p \
             WHERE p.event_id IN (SELECT max(event_id) FROM process_health GROUP BY source) \
             ORDER BY p.source",
            [],
        )
    }

    pub fn intent_state_counts(&self) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT coalesce(i.state, 'UNKNOWN') AS state, count(*) AS count FROM intents i \
             WHERE i.order_intent_id IS NOT NULL \
             AND i.event_id = (SELECT max(j.event_id) FROM intents j WHERE j.order_intent_id = i.order_intent_id) \
             GROUP BY 1 ORDER BY 1",
            [],
        )
    }

    pub fn reconcile_runs(&self, limit: u32) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT r.event_id, r.ts_ms, r.run_id, r.reason_codes, r.payload_json FROM reconcile_runs r \
             ORDER BY r.event_id DESC LIMIT ?1",
            params![limit],
        )
    }

    pub fn reconcile_diffs(&self, limit: u32) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT d.event_id, d.ts_ms, d.run_id, d.order_intent_id, d.symbol, d.reason_codes, \
             e.decision_id, d.payload_json FROM reconcile_diffs d JOIN events e ON e.event_id = d.event_id \
             ORDER BY d.event_id DESC LIMIT ?1",
            params![limit],
        )
    }

    pub fn churn(&self, now_ms: i64) -> Result<ChurnCounts, AuditError> {
        let count = |window: i64, cancels_only: bool| {
            self.scalar(
                "SELECT count(*) FROM orders WHERE ts_ms > ?1 AND ts_ms <= ?2 \
                 AND CASE WHEN ?3 THEN status IN ('CANCELED', 'PENDING_CANCEL') \
                 ELSE coalesce(status, 'NEW') = 'NEW' END",
                params![now_ms - window, now_ms, cancels_only],
            )
        };
        Ok(ChurnCounts {
            orders_10s: count(CHURN_SHORT_WINDOW_MS, false)?,
            cancels_10s: count(CHURN_SHORT_WINDOW_MS, true)?,
            orders_60s: count(CHURN_LONG_WINDOW_MS, false)?,
            cancels_60s: count(CHURN_LONG_WINDOW_MS, true)?,
        })
    }
}
