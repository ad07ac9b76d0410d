use rusqlite::{Transaction, params};

use crate::payload::PayloadFields;
use crate::project_exec::{
    project_fill, project_intent, project_order, project_position, project_reconcile_diff,
    project_reconcile_run,
};
use crate::record::EventRecord;

#[derive(Debug, Default)]
pub struct ProjectionCache {
    last_cycle_id: Option<String>,
}

impl ProjectionCache {
    pub fn forget(&mut self) {
        self.last_cycle_id = None;
    }

    fn cycle_is_new(&mut self, cycle_id: &str) -> bool {
        if self.last_cycle_id.as_deref() == Some(cycle_id) {
            return false;
        }
        self.last_cycle_id = Some(cycle_id.to_owned());
        true
    }
}

pub fn project_event(
    tx: &Transaction<'_>,
    cache: &mut ProjectionCache,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    match record.event_type.as_str() {
        "RUN_STARTED" => project_run_started(tx, event_id, record),
        "RUN_ENDED" => project_run_ended(tx, record),
        "STAGE_CHANGED" | "MODE_CHANGED" => project_stage_change(tx, event_id, record),
        "ALERT_RAISED" | "ALERT_CLEARED" => project_alert(tx, event_id, record),
        "SNAPSHOT" => {
            project_cycle(tx, cache, event_id, record)?;
            project_snapshot(tx, event_id, record)
        }
        "DECISION" => {
            project_cycle(tx, cache, event_id, record)?;
            project_decision(tx, event_id, record)
        }
        "CYCLE_STARTED" => project_cycle(tx, cache, event_id, record),
        "AIGATE_CALL" => project_ai_gate(tx, event_id, record),
        "RISK_VERDICT" => project_risk_verdict(tx, event_id, record),
        "INTENT_STATE" | "INTENT_REFUSED" => project_intent(tx, event_id, record),
        "ORDER" => project_order(tx, event_id, record),
        "FILL" => project_fill(tx, event_id, record),
        "POSITION" => project_position(tx, event_id, record),
        "RECONCILE_REST" => project_reconcile_run(tx, event_id, record),
        "RECONCILE_DIFF" => project_reconcile_diff(tx, event_id, record),
        "PROCESS_HEALTH" => project_health(tx, event_id, record),
        _ => Ok(()),
    }
}

fn project_run_started(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let Some(run_id) = record.ids.run_id.as_deref() else {
        return Ok(());
    };
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO runs (run_id, started_event_id, started_ts_ms, mode, config_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (run_id) DO NOTHING",
    )?
    .execute(params![
        run_id,
        event_id,
        record.ts_ms,
        fields.text(&["mode", "run_mode"]),
        fields.text(&["config_hash"]),
    ])?;
    Ok(())
}

fn project_run_ended(tx: &Transaction<'_>, record: &EventRecord) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE runs SET ended_ts_ms = ?2 WHERE run_id = ?1")?
        .execute(params![record.ids.run_id, record.ts_ms])?;
    Ok(())
}

fn project_cycle(
    tx: &Transaction<'_>,
    cache: &mut ProjectionCache,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let Some(cycle_id) = record.ids.cycle_id.as_deref() else {
        return Ok(());
    };
    if !cache.cycle_is_new(cycle_id) {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO cycles (cycle_id, run_id, first_event_id, started_ts_ms) \
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (cycle_id) DO NOTHING",
    )?
    .execute(params![cycle_id, record.ids.run_id, event_id, record.ts_ms])?;
    Ok(())
}

fn project_stage_change(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO stage_changes (event_id, ts_ms, kind, source, run_id, cycle_id, from_state, \
         to_state, reason_codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.event_type,
        record.source,
        record.ids.run_id,
        record.ids.cycle_id,
        fields.text(&["from", "from_mode", "from_stage", "previous"]),
        fields.text(&["to", "to_mode", "to_stage", "mode", "stage"]),
        record.reason_codes_joined(),
    ])?;
    Ok(())
}

fn project_alert(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    let code = fields
        .text(&["code", "reason", "alert"])
        .or_else(|| record.reason_codes.first().cloned())
        .unwrap_or_else(|| record.event_type.clone());
    tx.prepare_cached(
        "INSERT INTO alerts (event_id, ts_ms, source, run_id, code, raised, reason_codes, detail) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.source,
        record.ids.run_id,
        code,
        record.event_type == "ALERT_RAISED",
        record.reason_codes_joined(),
        fields.text(&["detail", "message"]),
    ])?;
    Ok(())
}

fn project_snapshot(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO snapshots (event_id, ts_ms, run_id, cycle_id, snapshot_id, symbol, snapshot_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.cycle_id,
        record.ids.snapshot_id,
        fields.text(&["symbol"]),
        fields.text(&["snapshot_hash", "hash"]),
    ])?;
    Ok(())
}

fn project_decision(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO decisions (event_id, ts_ms, run_id, cycle_id, snapshot_id, decision_id, symbol, \
         side, decision_hash, reason_codes) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.cycle_id,
        record.ids.snapshot_id,
        record.ids.decision_id,
        fields.text(&["symbol", "decision.symbol"]),
        fields.text(&["side", "decision.side"]),
        fields.text(&["decision_hash", "hash"]),
        record.reason_codes_joined(),
    ])?;
    Ok(())
}

fn project_ai_gate(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO ai_gate_events (event_id, ts_ms, run_id, cycle_id, snapshot_id, decision_id, \
         verdict, input_hash, snapshot_hash, answer_hash, reason_codes) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.cycle_id,
        record.ids.snapshot_id,
        record.ids.decision_id,
        fields.text(&["verdict"]),
        fields.text(&["input_hash"]),
        fields.text(&["snapshot_hash"]),
        fields.text(&["answer_hash", "raw_answer_hash", "raw_hash"]),
        record.reason_codes_joined(),
    ])?;
    Ok(())
}

fn project_risk_verdict(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO risk_verdicts (event_id, ts_ms, run_id, cycle_id, snapshot_id, decision_id, \
         order_intent_id, approved, reason_codes, payload_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.cycle_id,
        record.ids.snapshot_id,
        record.ids.decision_id,
        record.ids.order_intent_id,
        fields.integer(&["approved"]),
        record.reason_codes_joined(),
        record.payload_json,
    ])?;
    Ok(())
}

fn project_health(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO process_health (event_id, ts_ms, run_id, source, queue_pct, lag_ms, drops, \
         events_per_min, disk_free_bytes, db_bytes, wal_bytes, payload_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.source,
        fields.integer(&["queue_pct"]),
        fields.integer(&["lag_ms"]),
        fields.integer(&["drops"]),
        fields.integer(&["events_per_min"]),
        fields.integer(&["disk_free_bytes"]),
        fields.integer(&["db_bytes"]),
        fields.integer(&["wal_bytes"]),
        record.payload_json,
    ])?;
    Ok(())
}
