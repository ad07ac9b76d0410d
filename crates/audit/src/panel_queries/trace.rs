use rusqlite::params;

use super::{JsonRow, PanelQueries};
use crate::AuditError;

pub const TRACE_ROW_LIMIT: u32 = 2_000;

impl PanelQueries {
    pub fn decision_trace_rows(&self, decision_id: &str) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "WITH related AS ( \
               SELECT event_id FROM events WHERE decision_id = ?1 \
               UNION SELECT event_id FROM events WHERE order_intent_id IN \
                 (SELECT order_intent_id FROM events WHERE decision_id = ?1 AND order_intent_id IS NOT NULL) \
               UNION SELECT s.event_id FROM snapshots s WHERE s.snapshot_id IN \
                 (SELECT snapshot_id FROM events WHERE decision_id = ?1 AND snapshot_id IS NOT NULL)) \
             SELECT e.event_id, e.ts_ms, e.event_type, e.source, e.run_id, e.cycle_id, e.snapshot_id, \
             e.decision_id, e.order_intent_id, e.reason_codes, e.payload_json \
             FROM events e WHERE e.event_id IN (SELECT event_id FROM related) \
             ORDER BY e.event_id LIMIT ?2",
            params![decision_id, TRACE_ROW_LIMIT],
        )
    }

    pub fn decision_of_intent(&self, order_intent_id: &str) -> Result<Option<String>, AuditError> {
        let rows = self.rows(
            "SELECT decision_id FROM events WHERE order_intent_id = ?1 AND decision_id IS NOT NULL \
             ORDER BY event_id LIMIT 1",
            params![order_intent_id],
        )?;
        Ok(rows
            .into_iter()
            .next()
            .and_then(|row| row.get("decision_id")?.as_str().map(str::to_owned)))
    }

    pub fn intent_only_trace_rows(
        &self,
        order_intent_id: &str,
    ) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT event_id, ts_ms, event_type, source, run_id, cycle_id, snapshot_id, decision_id, \
             order_intent_id, reason_codes, payload_json FROM events WHERE order_intent_id = ?1 \
             ORDER BY event_id LIMIT ?2",
            params![order_intent_id, TRACE_ROW_LIMIT],
        )
    }
}
