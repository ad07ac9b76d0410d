PRAGMA page_size = 16384;
CREATE TABLE chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    event_count INTEGER NOT NULL,
    head_hash TEXT NOT NULL
);
INSERT INTO chain_head (id, event_count, head_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE events (
    event_id INTEGER PRIMARY KEY,
    sender TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    ts_ms INTEGER NOT NULL,
    source TEXT NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    snapshot_id TEXT,
    decision_id TEXT,
    order_intent_id TEXT,
    reason_codes TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    event_hash TEXT NOT NULL,
    UNIQUE (sender, seq)
);
CREATE INDEX events_by_decision ON events (decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX events_by_intent ON events (order_intent_id) WHERE order_intent_id IS NOT NULL;

CREATE TABLE event_batches (
    first_event_id INTEGER PRIMARY KEY,
    last_event_id INTEGER NOT NULL,
    min_ts_ms INTEGER NOT NULL,
    max_ts_ms INTEGER NOT NULL
);
CREATE INDEX event_batches_by_ts ON event_batches (max_ts_ms, min_ts_ms);

CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    started_event_id INTEGER NOT NULL,
    started_ts_ms INTEGER NOT NULL,
    ended_ts_ms INTEGER,
    mode TEXT,
    config_hash TEXT
);
CREATE INDEX runs_by_ts ON runs (started_ts_ms);

CREATE TABLE cycles (
    cycle_id TEXT PRIMARY KEY,
    run_id TEXT,
    first_event_id INTEGER NOT NULL,
    started_ts_ms INTEGER NOT NULL
);
CREATE INDEX cycles_by_run ON cycles (run_id, started_ts_ms);

CREATE TABLE stage_changes (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    from_state TEXT,
    to_state TEXT,
    reason_codes TEXT NOT NULL
);
CREATE INDEX stage_changes_by_ts ON stage_changes (ts_ms);
CREATE INDEX stage_changes_by_run ON stage_changes (run_id, ts_ms);

CREATE TABLE alerts (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    source TEXT NOT NULL,
    run_id TEXT,
    code TEXT NOT NULL,
    raised INTEGER NOT NULL,
    reason_codes TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX alerts_by_code ON alerts (code, event_id);
CREATE INDEX alerts_by_ts ON alerts (ts_ms);
CREATE INDEX alerts_by_run ON alerts (run_id, ts_ms);

CREATE TABLE snapshots (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    snapshot_id TEXT,
    symbol TEXT,
    snapshot_hash TEXT
);
CREATE INDEX snapshots_by_id ON snapshots (snapshot_id);
CREATE INDEX snapshots_by_run ON snapshots (run_id, ts_ms);

CREATE TABLE decisions (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    snapshot_id TEXT,
    decision_id TEXT,
    symbol TEXT,
    side TEXT,
    decision_hash TEXT,
    reason_codes TEXT NOT NULL
);

CREATE TABLE ai_gate_events (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    snapshot_id TEXT,
    decision_id TEXT,
    verdict TEXT,
    input_hash TEXT,
    snapshot_hash TEXT,
    answer_hash TEXT,
    reason_codes TEXT NOT NULL
);
CREATE INDEX ai_gate_events_by_decision ON ai_gate_events (decision_id);
CREATE INDEX ai_gate_events_by_run ON ai_gate_events (run_id, ts_ms);

CREATE TABLE risk_verdicts (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    snapshot_id TEXT,
    decision_id TEXT,
    order_intent_id TEXT,
    approved INTEGER,
    reason_codes TEXT NOT NULL,
    payload_json TEXT NOT NULL
);
CREATE INDEX risk_verdicts_by_decision ON risk_verdicts (decision_id);
CREATE INDEX risk_verdicts_by_intent ON risk_verdicts (order_intent_id);
CREATE INDEX risk_verdicts_by_run ON risk_verdicts (run_id, ts_ms);

CREATE TABLE intents (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    cycle_id TEXT,
    decision_id TEXT,
    order_intent_id TEXT,
    event_type TEXT NOT NULL,
    state TEXT,
    symbol TEXT,
    side TEXT,
    reason_codes TEXT NOT NULL,
    payload_json TEXT NOT NULL
);
CREATE INDEX intents_by_intent ON intents (order_intent_id, event_id);
CREATE INDEX intents_by_decision ON intents (decision_id);
CREATE INDEX intents_by_state ON intents (state, ts_ms);
CREATE INDEX intents_by_run ON intents (run_id, ts_ms);

CREATE TABLE orders (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    decision_id TEXT,
    order_intent_id TEXT,
    client_order_id TEXT,
    symbol TEXT,
    side TEXT,
    status TEXT,
    payload_json TEXT NOT NULL
);
CREATE INDEX orders_by_intent ON orders (order_intent_id);
CREATE INDEX orders_by_client_order_id ON orders (client_order_id);
CREATE INDEX orders_by_run ON orders (run_id, ts_ms);

CREATE TABLE fills (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    decision_id TEXT,
    order_intent_id TEXT,
    client_order_id TEXT,
    symbol TEXT,
    side TEXT,
    price TEXT,
    quantity TEXT,
    payload_json TEXT NOT NULL
);
CREATE INDEX fills_by_intent ON fills (order_intent_id);
CREATE INDEX fills_by_run ON fills (run_id, ts_ms);

CREATE TABLE positions (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    decision_id TEXT,
    order_intent_id TEXT,
    symbol TEXT,
    state TEXT,
    payload_json TEXT NOT NULL
);
CREATE INDEX positions_by_symbol ON positions (symbol, event_id);
CREATE INDEX positions_by_run ON positions (run_id, ts_ms);

CREATE TABLE reconcile_runs (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    reason_codes TEXT NOT NULL,
    payload_json TEXT NOT NULL
);
CREATE INDEX reconcile_runs_by_run ON reconcile_runs (run_id, ts_ms);

CREATE TABLE reconcile_diffs (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    order_intent_id TEXT,
    symbol TEXT,
    reason_codes TEXT NOT NULL,
    payload_json TEXT NOT NULL
);
CREATE INDEX reconcile_diffs_by_run ON reconcile_diffs (run_id, ts_ms);
CREATE INDEX reconcile_diffs_by_intent ON reconcile_diffs (order_intent_id);

CREATE TABLE process_health (
    event_id INTEGER PRIMARY KEY,
    ts_ms INTEGER NOT NULL,
    run_id TEXT,
    source TEXT NOT NULL,
    queue_pct INTEGER,
    lag_ms INTEGER,
    drops INTEGER,
    events_per_min INTEGER,
    disk_free_bytes INTEGER,
    db_bytes INTEGER,
    wal_bytes INTEGER,
    payload_json TEXT NOT NULL
);
CREATE INDEX process_health_by_source ON process_health (source, ts_ms);
CREATE INDEX process_health_by_ts ON process_health (ts_ms);
