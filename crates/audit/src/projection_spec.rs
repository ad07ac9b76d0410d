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
    RedactedPayload,
}

pub const ALERT_CODE_KEYS: &[&str] = &["code", "reason", "alert"];

pub const INTENT_STATE_KEYS: &[&str] = &["state", "to", "intent_state"];

impl Column {
    pub const fn payload_keys(self) -> &'static [&'static str] {
        match self {
            Self::Text(keys) | Self::Integer(keys) => keys,
            Self::AlertCode => ALERT_CODE_KEYS,
            Self::IntentState => INTENT_STATE_KEYS,
            _ => &[],
        }
    }

    pub const fn is_derived(self) -> bool {
        matches!(
            self,
            Self::Text(_)
                | Self::Integer(_)
                | Self::AlertCode
                | Self::AlertRaised
                | Self::IntentState
                | Self::RedactedPayload
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

use std::sync::LazyLock;

use crate::payload::first_segment;
use crate::{projection_tables, projection_tables_exec};

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

pub static SPECS: [&TableSpec; 16] = [
    &projection_tables::RUNS_TABLE,
    &projection_tables::RUN_ENDED_TABLE,
    &projection_tables::CYCLES_TABLE,
    &projection_tables::STAGE_CHANGES_TABLE,
    &projection_tables::ALERTS_TABLE,
    &projection_tables::SNAPSHOTS_TABLE,
    &projection_tables::DECISIONS_TABLE,
    &projection_tables::AI_GATE_EVENTS_TABLE,
    &projection_tables_exec::RISK_VERDICTS_TABLE,
    &projection_tables_exec::INTENTS_TABLE,
    &projection_tables_exec::ORDERS_TABLE,
    &projection_tables_exec::FILLS_TABLE,
    &projection_tables_exec::POSITIONS_TABLE,
    &projection_tables_exec::RECONCILE_RUNS_TABLE,
    &projection_tables_exec::RECONCILE_DIFFS_TABLE,
    &projection_tables_exec::PROCESS_HEALTH_TABLE,
];

static TOP_LEVEL_PAYLOAD_KEYS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    SPECS
        .iter()
        .map(|spec| {
            let mut keys: Vec<&'static str> = spec
                .columns
                .iter()
                .flat_map(|column| column.payload_keys().iter().map(|key| first_segment(key)))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect()
});

pub fn payload_key_wanted(specs: &[usize], key: &str) -> bool {
    specs.iter().any(|index| {
        TOP_LEVEL_PAYLOAD_KEYS
            .get(*index)
            .is_some_and(|keys| keys.contains(&key))
    })
}

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
        for spec in SPECS {
            assert_eq!(placeholders(spec.sql), spec.columns.len(), "{}", spec.sql);
        }
    }

    #[test]
    fn wanted_payload_keys_are_the_first_segments_of_derived_columns() {
        let decision = specs_for("DECISION");
        for key in ["symbol", "decision", "side", "decision_hash", "hash"] {
            assert!(payload_key_wanted(decision, key), "{key}");
        }
        assert!(!payload_key_wanted(decision, "index"));
        assert!(payload_key_wanted(specs_for("ALERT_RAISED"), "reason"));
        assert!(payload_key_wanted(
            specs_for("INTENT_STATE"),
            "intent_state"
        ));
        assert!(!payload_key_wanted(specs_for("UNKNOWN_TYPE"), "symbol"));
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
