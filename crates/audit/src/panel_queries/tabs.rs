use rusqlite::params;

use super::{JsonRow, PanelQueries};
use crate::AuditError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    pub symbol: Option<String>,
    pub status: Option<String>,
    pub decision_id: Option<String>,
    pub order_intent_id: Option<String>,
    pub limit: u32,
}

impl PanelQueries {
    pub fn latest_snapshots(&self, limit: u32) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT s.event_id, s.ts_ms, s.run_id, s.cycle_id, s.snapshot_id, s.symbol, s.snapshot_hash, \
             e.payload_json FROM snapshots s JOIN events e ON e.event_id = s.event_id \
             WHERE s.event_id IN (SELECT max(event_id) FROM snapshots GROUP BY symbol) \
             ORDER BY s.symbol LIMIT ?1",
            params![limit],
        )
    }

    pub fn decisions(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT d.event_id, d.ts_ms, d.run_id, d.cycle_id, d.snapshot_id, d.decision_id, d.symbol, \
             d.side, d.decision_hash, d.reason_codes, e.payload_json \
             FROM decisions d JOIN events e ON e.event_id = d.event_id \
             WHERE (?1 IS NULL OR d.symbol = ?1) AND (?2 IS NULL OR d.decision_id = ?2) \
             ORDER BY d.event_id DESC LIMIT ?3",
            params![filter.symbol, filter.decision_id, filter.limit],
        )
    }

    pub fn risk_verdicts(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT event_id, ts_ms, run_id, cycle_id, decision_id, order_intent_id, approved, \
             reason_codes, payload_json FROM risk_verdicts \
             WHERE (?1 IS NULL OR decision_id = ?1) ORDER BY event_id DESC LIMIT ?2",
            params![filter.decision_id, filter.limit],
        )
    }

    pub fn ai_gate_events(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT a.event_id, a.ts_ms, a.run_id, a.cycle_id, a.decision_id, a.verdict, a.input_hash, \
             a.snapshot_hash, a.answer_hash, a.reason_codes, a.model, a.prompt_version, a.latency_ms, \
             a.raw_hash, a.modify_applied, a.error_code, e.payload_json \
             FROM ai_gate_events a JOIN events e ON e.event_id = a.event_id \
             WHERE (?1 IS NULL OR a.decision_id = ?1) ORDER BY a.event_id DESC LIMIT ?2",
            params![filter.decision_id, filter.limit],
        )
    }

    pub fn ai_verdict_counts(&self) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT coalesce(verdict, 'UNKNOWN') AS verdict, count(*) AS count FROM ai_gate_events \
             GROUP BY 1 ORDER BY 1",
            [],
        )
    }

    pub fn recent_events_of_type(
        &self,
        event_type: &str,
        limit: u32,
    ) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT event_id, ts_ms, source, run_id, cycle_id, snapshot_id, decision_id, order_intent_id, \
             reason_codes, payload_json FROM events WHERE event_type = ?1 \
             ORDER BY event_id DESC LIMIT ?2",
            params![event_type, limit],
        )
    }

    pub fn stage_changes_named(&self, stage: &str, limit: u32) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT s.event_id, s.ts_ms, s.source, s.to_state AS stage, e.cycle_id, e.payload_json \
             FROM stage_changes s JOIN events e ON e.event_id = s.event_id \
             WHERE s.kind = 'STAGE_CHANGED' AND s.to_state = ?1 ORDER BY s.event_id DESC LIMIT ?2",
            params![stage, limit],
        )
    }

    pub fn intents(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT i.event_id, i.ts_ms, i.run_id, i.cycle_id, i.decision_id, i.order_intent_id, \
             i.event_type, i.state, i.symbol, i.side, i.reason_codes, i.payload_json FROM intents i \
             WHERE i.order_intent_id IS NOT NULL \
             AND i.event_id = (SELECT max(j.event_id) FROM intents j WHERE j.order_intent_id = i.order_intent_id) \
             AND (?1 IS NULL OR i.symbol = ?1) AND (?2 IS NULL OR i.state = ?2) \
             ORDER BY i.event_id DESC LIMIT ?3",
            params![filter.symbol, filter.status, filter.limit],
        )
    }

    pub fn orders(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT event_id, ts_ms, run_id, decision_id, order_intent_id, client_order_id, symbol, side, \
             status, payload_json FROM orders \
             WHERE (?1 IS NULL OR symbol = ?1) AND (?2 IS NULL OR status = ?2) \
             AND (?3 IS NULL OR order_intent_id = ?3) ORDER BY event_id DESC LIMIT ?4",
            params![
                filter.symbol,
                filter.status,
                filter.order_intent_id,
                filter.limit
            ],
        )
    }

    pub fn fills(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT event_id, ts_ms, run_id, decision_id, order_intent_id, client_order_id, symbol, side, \
             price, quantity, payload_json FROM fills \
             WHERE (?1 IS NULL OR symbol = ?1) AND (?2 IS NULL OR order_intent_id = ?2) \
             ORDER BY event_id DESC LIMIT ?3",
            params![filter.symbol, filter.order_intent_id, filter.limit],
        )
    }

    pub fn latest_positions(&self, filter: &RowFilter) -> Result<Vec<JsonRow>, AuditError> {
        self.rows(
            "SELECT p.event_id, p.ts_ms, p.run_id, p.decision_id, p.order_intent_id, p.symbol, p.state, \
             p.payload_json FROM positions p \
             WHERE p.event_id IN (SELECT max(event_id) FROM positions GROUP BY symbol) \
             AND (?1 IS NULL OR p.symbol = ?1) AND (?2 IS NULL OR p.state = ?2) \
             ORDER BY p.symbol LIMIT ?3",
            params![filter.symbol, filter.status, filter.limit],
        )
    }
}
