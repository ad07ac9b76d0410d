use std::path::Path;

use rusqlite::{Connection, Row, params};
use serde::Serialize;

use crate::AuditError;
use crate::read_conn::open_read_only;
use crate::record::split_reason_codes;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub event_id: i64,
    pub ts_ms: i64,
    pub event_type: String,
    pub source: String,
    pub run_id: Option<String>,
    pub cycle_id: Option<String>,
    pub snapshot_id: Option<String>,
    pub decision_id: Option<String>,
    pub order_intent_id: Option<String>,
    pub reason_codes: Vec<String>,
    pub payload_json: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageChange {
    pub event_id: i64,
    pub ts_ms: i64,
    pub kind: String,
    pub source: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub reason_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveAlert {
    pub event_id: i64,
    pub ts_ms: i64,
    pub code: String,
    pub source: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntentRow {
    pub order_intent_id: String,
    pub decision_id: Option<String>,
    pub state: Option<String>,
    pub symbol: Option<String>,
    pub side: Option<String>,
    pub ts_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthRow {
    pub ts_ms: i64,
    pub source: String,
    pub queue_pct: Option<i64>,
    pub lag_ms: Option<i64>,
    pub drops: Option<i64>,
    pub events_per_min: Option<i64>,
    pub disk_free_bytes: Option<i64>,
    pub db_bytes: Option<i64>,
    pub wal_bytes: Option<i64>,
}

const TIMELINE_COLUMNS: &str = "event_id, ts_ms, event_type, source, run_id, cycle_id, snapshot_id, \
     decision_id, order_intent_id, reason_codes, payload_json";

fn timeline_entry(row: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    let reasons: String = row.get(9)?;
    Ok(TimelineEntry {
        event_id: row.get(0)?,
        ts_ms: row.get(1)?,
        event_type: row.get(2)?,
        source: row.get(3)?,
        run_id: row.get(4)?,
        cycle_id: row.get(5)?,
        snapshot_id: row.get(6)?,
        decision_id: row.get(7)?,
        order_intent_id: row.get(8)?,
        reason_codes: split_reason_codes(&reasons),
        payload_json: row.get(10)?,
    })
}

#[derive(Debug)]
pub struct AuditReader {
    conn: Connection,
}

impl AuditReader {
    pub fn open(db_path: &Path) -> Result<Self, AuditError> {
        Ok(Self {
            conn: open_read_only(db_path)?,
        })
    }

    fn collect<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, AuditError> {
        let read = |error: rusqlite::Error| AuditError::from_read(&error);
        let mut statement = self.conn.prepare_cached(sql).map_err(read)?;
        let rows = statement.query_map(params, map).map_err(read)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(read)
    }

    pub fn timeline(
        &self,
        before_event_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<TimelineEntry>, AuditError> {
        let sql = format!(
            "SELECT {TIMELINE_COLUMNS} FROM events WHERE event_id < ?1 ORDER BY event_id DESC LIMIT ?2"
        );
        self.collect(
            &sql,
            params![before_event_id.unwrap_or(i64::MAX), limit],
            timeline_entry,
        )
    }

    pub fn events_between(
        &self,
        from_ts_ms: i64,
        to_ts_ms: i64,
        limit: u32,
    ) -> Result<Vec<TimelineEntry>, AuditError> {
        let sql = format!(
            "SELECT {TIMELINE_COLUMNS} FROM events e JOIN event_batches b \
             ON e.event_id BETWEEN b.first_event_id AND b.last_event_id \
             WHERE b.max_ts_ms >= ?1 AND b.min_ts_ms <= ?2 AND e.ts_ms BETWEEN ?1 AND ?2 \
             ORDER BY e.event_id LIMIT ?3"
        );
        self.collect(&sql, params![from_ts_ms, to_ts_ms, limit], timeline_entry)
    }

    pub fn decision_trace(&self, decision_id: &str) -> Result<Vec<TimelineEntry>, AuditError> {
        let sql = format!(
            "SELECT {TIMELINE_COLUMNS} FROM events WHERE decision_id = ?1 \
             UNION SELECT {TIMELINE_COLUMNS} FROM events WHERE order_intent_id IN \
             (SELECT order_intent_id FROM events WHERE decision_id = ?1 AND order_intent_id IS NOT NULL) \
             ORDER BY event_id"
        );
        self.collect(&sql, params![decision_id], timeline_entry)
    }

    pub fn intent_trace(&self, order_intent_id: &str) -> Result<Vec<TimelineEntry>, AuditError> {
        let sql = format!(
            "SELECT {TIMELINE_COLUMNS} FROM events WHERE order_intent_id = ?1 \
             UNION SELECT {TIMELINE_COLUMNS} FROM events WHERE decision_id IN \
             (SELECT decision_id FROM events WHERE order_intent_id = ?1 AND decision_id IS NOT NULL) \
             ORDER BY event_id"
        );
        self.collect(&sql, params![order_intent_id], timeline_entry)
    }

    pub fn latest_stage_changes(&self, limit: u32) -> Result<Vec<StageChange>, AuditError> {
        self.collect(
            "SELECT event_id, ts_ms, kind, source, from_state, to_state, reason_codes \
             FROM stage_changes ORDER BY event_id DESC LIMIT ?1",
            params![limit],
            |row| {
                let reasons: String = row.get(6)?;
                Ok(StageChange {
                    event_id: row.get(0)?,
                    ts_ms: row.get(1)?,
                    kind: row.get(2)?,
                    source: row.get(3)?,
                    from_state: row.get(4)?,
                    to_state: row.get(5)?,
                    reason_codes: split_reason_codes(&reasons),
                })
            },
        )
    }

    pub fn active_alerts(&self) -> Result<Vec<ActiveAlert>, AuditError> {
        self.collect(
            "SELECT a.event_id, a.ts_ms, a.code, a.source, a.detail FROM alerts a \
             WHERE a.raised = 1 AND a.event_id = (SELECT max(b.event_id) FROM alerts b WHERE b.code = a.code) \
             ORDER BY a.event_id DESC",
            [],
            |row| {
                Ok(ActiveAlert {
                    event_id: row.get(0)?,
                    ts_ms: row.get(1)?,
                    code: row.get(2)?,
                    source: row.get(3)?,
                    detail: row.get(4)?,
                })
            },
        )
    }

    pub fn intents_by_state(
        &self,
        state: Option<&str>,
        limit: u32,
    ) -> Result<Vec<IntentRow>, AuditError> {
        self.collect(
            "SELECT i.order_intent_id, i.decision_id, i.state, i.symbol, i.side, i.ts_ms FROM intents i \
             WHERE i.order_intent_id IS NOT NULL \
             AND i.event_id = (SELECT max(j.event_id) FROM intents j WHERE j.order_intent_id = i.order_intent_id) \
             AND (?1 IS NULL OR i.state = ?1) ORDER BY i.event_id DESC LIMIT ?2",
            params![state, limit],
            |row| {
                Ok(IntentRow {
                    order_intent_id: row.get(0)?,
                    decision_id: row.get(1)?,
                    state: row.get(2)?,
                    symbol: row.get(3)?,
                    side: row.get(4)?,
                    ts_ms: row.get(5)?,
                })
            },
        )
    }

    pub fn health_series(
        &self,
        source: &str,
        since_ts_ms: i64,
        limit: u32,
    ) -> Result<Vec<HealthRow>, AuditError> {
        self.collect(
            "SELECT ts_ms, source, queue_pct, lag_ms, drops, events_per_min, disk_free_bytes, db_bytes, \
             wal_bytes FROM process_health WHERE source = ?1 AND ts_ms >= ?2 ORDER BY ts_ms LIMIT ?3",
            params![source, since_ts_ms, limit],
            |row| {
                Ok(HealthRow {
                    ts_ms: row.get(0)?,
                    source: row.get(1)?,
                    queue_pct: row.get(2)?,
                    lag_ms: row.get(3)?,
                    drops: row.get(4)?,
                    events_per_min: row.get(5)?,
                    disk_free_bytes: row.get(6)?,
                    db_bytes: row.get(7)?,
                    wal_bytes: row.get(8)?,
                })
            },
        )
    }
}
