use std::path::Path;

use livespot_audit::{
    AuditWriter, CheckpointPolicy, EventIds, EventRecord, audit_db_path, migrate_store,
};

pub const SECRET_CANARY: &str = "CANARY-SECRET-7f3a9c";
pub const BASE_TS: i64 = 1_764_028_700_000;

#[derive(Clone, Copy)]
pub struct Ids<'a> {
    pub cycle: Option<&'a str>,
    pub snapshot: Option<&'a str>,
    pub decision: Option<&'a str>,
    pub intent: Option<&'a str>,
}

pub const NO_IDS: Ids<'static> = Ids {
    cycle: None,
    snapshot: None,
    decision: None,
    intent: None,
};

pub const TRADE: Ids<'static> = Ids {
    cycle: Some("cyc-1"),
    snapshot: Some("snap-1"),
    decision: Some("dec-1"),
    intent: None,
};

pub const INTENT: Ids<'static> = Ids {
    cycle: Some("cyc-1"),
    snapshot: Some("snap-1"),
    decision: Some("dec-1"),
    intent: Some("oi-1"),
};

pub fn event(
    sender: &str,
    seq: u64,
    event_type: &str,
    ids: &Ids<'_>,
    reasons: &[&str],
    payload: &str,
) -> EventRecord {
    EventRecord {
        sender: sender.to_owned(),
        seq,
        event_type: event_type.to_owned(),
        ts_ms: BASE_TS + i64::try_from(seq).unwrap() * 1_000,
        source: sender.to_owned(),
        ids: EventIds {
            run_id: Some("run-1".to_owned()),
            cycle_id: ids.cycle.map(str::to_owned),
            snapshot_id: ids.snapshot.map(str::to_owned),
            decision_id: ids.decision.map(str::to_owned),
            order_intent_id: ids.intent.map(str::to_owned),
        },
        reason_codes: reasons.iter().map(|code| (*code).to_owned()).collect(),
        payload_json: payload.to_owned(),
    }
}

type Row = (
    &'static str,
    u64,
    &'static str,
    Ids<'static>,
    &'static [&'static str],
    &'static str,
);

const UNKNOWN: Ids<'static> = Ids {
    intent: Some("oi-2"),
    ..TRADE
};

const LAUNCHER_ROWS: [Row; 9] = [
    ("launch", 1, "RUN_STARTED", NO_IDS, &[], r#"{"mode":"sim"}"#),
    (
        "launch",
        2,
        "STAGE_CHANGED",
        NO_IDS,
        &["STAGE_CHANGED"],
        r#"{"stage":"STARTING","summary":"spawning children"}"#,
    ),
    (
        "launch",
        3,
        "STAGE_CHANGED",
        TRADE,
        &["STAGE_CHANGED"],
        r#"{"stage":"DEEP_SCAN","symbol":"BTCUSDT"}"#,
    ),
    (
        "launch",
        4,
        "MODE_CHANGED",
        NO_IDS,
        &["WS_STALE_DEGRADE"],
        r#"{"from":"NORMAL","to":"DEGRADE"}"#,
    ),
    (
        "audit",
        1,
        "ALERT_RAISED",
        NO_IDS,
        &["WS_STALE_DEGRADE", "ALERT_RAISED"],
        r#"{"code":"WS_STALE_DEGRADE","stage":"DEEP_SCAN"}"#,
    ),
    (
        "audit",
        2,
        "ALERT_RAISED",
        NO_IDS,
        &["WS_STALE_DEGRADE", "ALERT_RAISED"],
        r#"{"code":"WS_STALE_DEGRADE","stage":"DEEP_SCAN"}"#,
    ),
    (
        "audit",
        3,
        "ALERT_RAISED",
        NO_IDS,
        &["DISK_LOW_PAUSE", "ALERT_RAISED"],
        r#"{"code":"DISK_LOW_PAUSE","detail":"disk low"}"#,
    ),
    (
        "audit",
        4,
        "ALERT_RAISED",
        NO_IDS,
        &["EDGE_BELOW_MIN"],
        r#"{"code":"EDGE_BELOW_MIN"}"#,
    ),
    (
        "audit",
        5,
        "ALERT_CLEARED",
        NO_IDS,
        &["EDGE_BELOW_MIN"],
        r#"{"code":"EDGE_BELOW_MIN"}"#,
    ),
];

const TRADE_ROWS: [Row; 11] = [
    (
        "marketdata",
        2,
        "SNAPSHOT",
        TRADE,
        &[],
        r#"{"symbol":"BTCUSDT","snapshot_hash":"sh1","spread_bps":"1.2"}"#,
    ),
    (
        "strategy",
        1,
        "DECISION",
        TRADE,
        &[],
        r#"{"symbol":"BTCUSDT","side":"BUY","regime":"TREND","score":8123}"#,
    ),
    ("risk", 1, "RISK_VERDICT", INTENT, &[], r#"{"approved":1}"#),
    (
        "executor",
        1,
        "INTENT_STATE",
        INTENT,
        &[],
        r#"{"state":"CREATED","symbol":"BTCUSDT","side":"BUY"}"#,
    ),
    (
        "executor",
        2,
        "INTENT_STATE",
        INTENT,
        &[],
        r#"{"state":"CONFIRMED","symbol":"BTCUSDT","side":"BUY"}"#,
    ),
    (
        "executor",
        3,
        "ORDER",
        INTENT,
        &[],
        r#"{"status":"NEW","symbol":"BTCUSDT","side":"BUY","client_order_id":"ls-1"}"#,
    ),
    (
        "executor",
        4,
        "FILL",
        INTENT,
        &[],
        r#"{"symbol":"BTCUSDT","side":"BUY","price":"50000.10","quantity":"0.001"}"#,
    ),
    (
        "executor",
        5,
        "POSITION",
        INTENT,
        &[],
        r#"{"symbol":"BTCUSDT","state":"PROTECTED"}"#,
    ),
    (
        "executor",
        6,
        "INTENT_STATE",
        UNKNOWN,
        &[],
        r#"{"state":"SENT_UNKNOWN","symbol":"ETHUSDT","side":"SELL"}"#,
    ),
    (
        "executor",
        7,
        "RECONCILE_DIFF",
        INTENT,
        &["DRIFT_LIMIT_EXCEEDED"],
        r#"{"symbol":"BTCUSDT","field":"qty"}"#,
    ),
    (
        "executor",
        8,
        "RECONCILE_REST",
        NO_IDS,
        &["DRIFT_LIMIT_EXCEEDED"],
        r#"{"duration_ms":85}"#,
    ),
];

fn from_rows(rows: &[Row]) -> Vec<EventRecord> {
    rows.iter()
        .map(|(sender, seq, event_type, ids, reasons, payload)| {
            event(sender, *seq, event_type, ids, reasons, payload)
        })
        .collect()
}

fn health_events() -> Vec<EventRecord> {
    (0..3)
        .map(|step| {
            let payload = format!(
                r#"{{"queue_pct":{},"lag_ms":12,"drops":0,"events_per_min":120,"disk_free_bytes":5000000000,"db_bytes":{},"wal_bytes":{}}}"#,
                40 * step,
                100_000 + 1_000 * step,
                4_096 * (step + 1)
            );
            event("audit", 10 + step, "PROCESS_HEALTH", &NO_IDS, &[], &payload)
        })
        .chain(std::iter::once(event(
            "marketdata",
            1,
            "PROCESS_HEALTH",
            &NO_IDS,
            &[],
            r#"{"ws_staleness_ms":250,"weight_used":37}"#,
        )))
        .collect()
}

fn ai_gate_event() -> EventRecord {
    let payload = format!(
        r#"{{"verdict":"ALLOW","model":"gpt","latency_ms":420,"input_hash":"ih","raw_prompt":"{SECRET_CANARY}","api_secret":"{SECRET_CANARY}"}}"#
    );
    event("strategy", 2, "AIGATE_CALL", &TRADE, &[], &payload)
}

pub fn write_store(var_dir: &Path) {
    migrate_store(&audit_db_path(var_dir)).unwrap();
    let mut writer = AuditWriter::open(var_dir, CheckpointPolicy::default()).unwrap();
    let mut batch = from_rows(&LAUNCHER_ROWS);
    batch.extend(health_events());
    batch.extend(from_rows(&TRADE_ROWS));
    batch.push(ai_gate_event());
    writer.write_batch(&batch).unwrap();
}

pub fn append_events(var_dir: &Path, events: &[EventRecord]) {
    let mut writer = AuditWriter::open(var_dir, CheckpointPolicy::default()).unwrap();
    writer.write_batch(events).unwrap();
}
