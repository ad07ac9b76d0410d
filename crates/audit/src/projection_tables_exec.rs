use crate::projection_spec::Column::{
    CycleId, DecisionId, EventId, EventType, Integer, IntentState, OrderIntentId, PayloadJson,
    ReasonCodes, RunId, SnapshotId, Source, Text, TsMs,
};
use crate::projection_spec::{Guard, TableSpec};

pub static RISK_VERDICTS_TABLE: TableSpec = TableSpec {
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
};

pub static INTENTS_TABLE: TableSpec = TableSpec {
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
};

pub static ORDERS_TABLE: TableSpec = TableSpec {
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
};

pub static FILLS_TABLE: TableSpec = TableSpec {
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
};

pub static POSITIONS_TABLE: TableSpec = TableSpec {
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
};

pub static RECONCILE_RUNS_TABLE: TableSpec = TableSpec {
    sql: "INSERT INTO reconcile_runs (event_id, ts_ms, run_id, reason_codes, payload_json) \
          VALUES (?1, ?2, ?3, ?4, ?5)",
    columns: &[EventId, TsMs, RunId, ReasonCodes, PayloadJson],
    guard: Guard::Always,
};

pub static RECONCILE_DIFFS_TABLE: TableSpec = TableSpec {
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
};

pub static PROCESS_HEALTH_TABLE: TableSpec = TableSpec {
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
};
