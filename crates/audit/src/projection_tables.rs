use crate::projection_spec::Column::{
    AlertCode, AlertRaised, CycleId, DecisionId, EventId, EventType, Integer, ReasonCodes,
    RedactedPayload, RunId, SnapshotId, Source, Text, TsMs,
};
use crate::projection_spec::{Guard, TableSpec};

pub static RUNS_TABLE: TableSpec = TableSpec {
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
};

pub static RUN_ENDED_TABLE: TableSpec = TableSpec {
    sql: "UPDATE runs SET ended_ts_ms = ?2 WHERE run_id = ?1",
    columns: &[RunId, TsMs],
    guard: Guard::Always,
};

pub static CYCLES_TABLE: TableSpec = TableSpec {
    sql: "INSERT INTO cycles (cycle_id, run_id, first_event_id, started_ts_ms) \
          VALUES (?1, ?2, ?3, ?4) ON CONFLICT (cycle_id) DO NOTHING",
    columns: &[CycleId, RunId, EventId, TsMs],
    guard: Guard::NewCycle,
};

pub static STAGE_CHANGES_TABLE: TableSpec = TableSpec {
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
};

pub static ALERTS_TABLE: TableSpec = TableSpec {
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
};

pub static SNAPSHOTS_TABLE: TableSpec = TableSpec {
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
};

pub static DECISIONS_TABLE: TableSpec = TableSpec {
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
};

pub static AI_GATE_EVENTS_TABLE: TableSpec = TableSpec {
    sql: "INSERT INTO ai_gate_events (event_id, ts_ms, run_id, cycle_id, snapshot_id, \
          decision_id, verdict, input_hash, snapshot_hash, answer_hash, reason_codes, model, \
          prompt_version, latency_ms, raw_hash, modify_applied, error_code, details) \
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
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
        Text(&["model"]),
        Text(&["prompt_version"]),
        Integer(&["latency_ms"]),
        Text(&["raw_hash", "answer_hash", "raw_answer_hash"]),
        Integer(&["modify_applied"]),
        Text(&["error_code"]),
        RedactedPayload,
    ],
    guard: Guard::Always,
};
