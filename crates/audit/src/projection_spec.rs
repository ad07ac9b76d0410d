#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    EventId,
    TsMs,
    Source,
    EventType,
    RunId,
    CycleId,
    SnapshotId,
    DecisionId,
    OrderIntentId,
    ReasonCodes,
    PayloadJson,
    Text(&'static [&'static str]),
    Integer(&'static [&'static str]),
    AlertCode,
    AlertRaised,
    IntentState,
}

impl Column {
    pub const fn is_derived(self) -> bool {
        matches!(
            self,
            Self::Text(_)
                | Self::Integer(_)
                | Self::AlertCode
                | Self::AlertRaised
                | Self::IntentState
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    Always,
    HasRunId,
    NewCycle,
}

#[derive(Debug)]
pub struct TableSpec {
    pub sql: &'static str,
    pub columns: &'static [Column],
    pub guard: Guard,
}

use Column::{
    AlertCode, AlertRaised, CycleId, DecisionId, EventId, EventType, Integer, IntentState,
    OrderIntentId, PayloadJson, ReasonCodes, RunId, SnapshotId, Source, Text, TsMs,
};

pub const RUNS: usize = 0;
pub const RUN_ENDED: usize = 1;
pub const CYCLES: usize = 2;
pub const STAGE_CHANGES: usize = 3;
pub const ALERTS: usize = 4;
pub const SNAPSHOTS: usize = 5;
pub const DECISIONS: usize = 6;
pub const AI_GATE_EVENTS: usize = 7;
pub const RISK_VERDICTS: usize = 8;
pub const INTENTS: usize = 9;
pub const ORDERS: usize = 10;
pub const FILLS: usize = 11;
pub const POSITIONS: usize = 12;
pub const RECONCILE_RUNS: usize = 13;
pub const RECONCILE_DIFFS: usize = 14;
pub const PROCESS_HEALTH: usize = 15;

pub static SPECS: [TableSpec; 16] = [
    TableSpec {
        sql: "INSERT INTO runs (run_id, started_event_id, started_ts_ms, mode, config_hash) \
              VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (run_id) DO NOTHING",
        columns: &[
            RunId,
            EventId,
            TsMs,
            Text(&["mode", "run_mode"]),
            Text(&["config_hash"]),
        ],
        guard: Guard::HasRunId,
    },
    TableSpec {
        sql: "UPDATE runs SET ended_ts_ms = ?2 WHERE run_id = ?1",
        columns: &[RunId, TsMs],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO cycles (cycle_id, run_id, first_event_id, started_ts_ms) \
              VALUES (?1, ?2, ?3, ?4) ON CONFLICT (cycle_id) DO NOTHING",
        columns: &[CycleId, RunId, EventId, TsMs],
        guard: Guard::NewCycle,
    },
    TableSpec {
        sql: "INSERT INTO stage_changes (event_id, ts_ms, kind, source, run_id, cycle_id, \
              from_state, to_state, reason_codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        columns: &[
            EventId,
            TsMs,
            EventType,
            Source,
            RunId,
            CycleId,
            Text(&["from", "from_mode", "from_stage", "previous"]),
            Text(&["to", "to_mode", "to_stage", "mode", "stage"]),
            ReasonCodes,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO alerts (event_id, ts_ms, source, run_id, code, raised, reason_codes, \
              detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        columns: &[
            EventId,
            TsMs,
            Source,
            RunId,
            AlertCode,
            AlertRaised,
            ReasonCodes,
            Text(&["detail", "message"]),
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO snapshots (event_id, ts_ms, run_id, cycle_id, snapshot_id, symbol, \
              snapshot_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            CycleId,
            SnapshotId,
            Text(&["symbol"]),
            Text(&["snapshot_hash", "hash"]),
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO decisions (event_id, ts_ms, run_id, cycle_id, snapshot_id, decision_id, \
              symbol, side, decision_hash, reason_codes) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            CycleId,
            SnapshotId,
            DecisionId,
            Text(&["symbol", "decision.symbol"]),
            Text(&["side", "decision.side"]),
            Text(&["decision_hash", "hash"]),
            ReasonCodes,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO ai_gate_events (event_id, ts_ms, run_id, cycle_id, snapshot_id, \
              decision_id, verdict, input_hash, snapshot_hash, answer_hash, reason_codes) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            CycleId,
            SnapshotId,
            DecisionId,
            Text(&["verdict"]),
            Text(&["input_hash"]),
            Text(&["snapshot_hash"]),
            Text(&["answer_hash", "raw_answer_hash", "raw_hash"]),
            ReasonCodes,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO risk_verdicts (event_id, ts_ms, run_id, cycle_id, snapshot_id, \
              decision_id, order_intent_id, approved, reason_codes, payload_json) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            CycleId,
            SnapshotId,
            DecisionId,
            OrderIntentId,
            Integer(&["approved"]),
            ReasonCodes,
            PayloadJson,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO intents (event_id, ts_ms, run_id, cycle_id, decision_id, \
              order_intent_id, event_type, state, symbol, side, reason_codes, payload_json) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            CycleId,
            DecisionId,
            OrderIntentId,
            EventType,
            IntentState,
            Text(&["symbol", "intent.symbol"]),
            Text(&["side", "intent.side"]),
            ReasonCodes,
            PayloadJson,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO orders (event_id, ts_ms, run_id, decision_id, order_intent_id, \
              client_order_id, symbol, side, status, payload_json) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            DecisionId,
            OrderIntentId,
            Text(&["client_order_id", "clientOrderId"]),
            Text(&["symbol"]),
            Text(&["side"]),
            Text(&["status"]),
            PayloadJson,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO fills (event_id, ts_ms, run_id, decision_id, order_intent_id, \
              client_order_id, symbol, side, price, quantity, payload_json) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            DecisionId,
            OrderIntentId,
            Text(&["client_order_id", "clientOrderId"]),
            Text(&["symbol"]),
            Text(&["side"]),
            Text(&["price"]),
            Text(&["quantity", "qty"]),
            PayloadJson,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO positions (event_id, ts_ms, run_id, decision_id, order_intent_id, \
              symbol, state, payload_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            DecisionId,
            OrderIntentId,
            Text(&["symbol"]),
            Text(&["state", "position_state"]),
            PayloadJson,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO reconcile_runs (event_id, ts_ms, run_id, reason_codes, payload_json) \
              VALUES (?1, ?2, ?3, ?4, ?5)",
        columns: &[EventId, TsMs, RunId, ReasonCodes, PayloadJson],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO reconcile_diffs (event_id, ts_ms, run_id, order_intent_id, symbol, \
              reason_codes, payload_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            OrderIntentId,
            Text(&["symbol"]),
            ReasonCodes,
            PayloadJson,
        ],
        guard: Guard::Always,
    },
    TableSpec {
        sql: "INSERT INTO process_health (event_id, ts_ms, run_id, source, queue_pct, lag_ms, \
              drops, events_per_min, disk_free_bytes, db_bytes, wal_bytes, payload_json) \
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        columns: &[
            EventId,
            TsMs,
            RunId,
            Source,
            Integer(&["queue_pct"]),
            Integer(&["lag_ms"]),
            Integer(&["drops"]),
            Integer(&["events_per_min"]),
            Integer(&["disk_free_bytes"]),
            Integer(&["db_bytes"]),
            Integer(&["wal_bytes"]),
            PayloadJson,
        ],
        guard: Guard::Always,
    },
];

pub fn specs_for(event_type: &str) -> &'static [usize] {
    match event_type {
        "RUN_STARTED" => &[RUNS],
        "RUN_ENDED" => &[RUN_ENDED],
        "STAGE_CHANGED" | "MODE_CHANGED" => &[STAGE_CHANGES],
        "ALERT_RAISED" | "ALERT_CLEARED" => &[ALERTS],
        "SNAPSHOT" => &[CYCLES, SNAPSHOTS],
        "DECISION" => &[CYCLES, DECISIONS],
        "CYCLE_STARTED" => &[CYCLES],
        "AIGATE_CALL" => &[AI_GATE_EVENTS],
        "RISK_VERDICT" => &[RISK_VERDICTS],
        "INTENT_STATE" | "INTENT_REFUSED" => &[INTENTS],
        "ORDER" => &[ORDERS],
        "FILL" => &[FILLS],
        "POSITION" => &[POSITIONS],
        "RECONCILE_REST" => &[RECONCILE_RUNS],
        "RECONCILE_DIFF" => &[RECONCILE_DIFFS],
        "PROCESS_HEALTH" => &[PROCESS_HEALTH],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(sql: &str) -> usize {
        (1..=32)
            .take_while(|index| sql.contains(&format!("?{index}")))
            .count()
    }

    #[test]
    fn every_spec_binds_one_column_per_placeholder() {
        for spec in &SPECS {
            assert_eq!(placeholders(spec.sql), spec.columns.len(), "{}", spec.sql);
        }
    }

    #[test]
    fn every_projected_event_type_names_existing_specs() {
        for event_type in [
            "SNAPSHOT",
            "DECISION",
            "AIGATE_CALL",
            "PROCESS_HEALTH",
            "FILL",
        ] {
            let specs = specs_for(event_type);
            assert!(!specs.is_empty(), "{event_type}");
            assert!(specs.iter().all(|index| *index < SPECS.len()));
        }
        assert!(specs_for("UNKNOWN_TYPE").is_empty());
    }
}
