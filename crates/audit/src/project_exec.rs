use rusqlite::{Transaction, params};

use crate::payload::PayloadFields;
use crate::record::EventRecord;

pub fn project_intent(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    let state = if record.event_type == "INTENT_REFUSED" {
        fields
            .text(&["state"])
            .or_else(|| Some("REFUSED".to_owned()))
    } else {
        fields.text(&["state", "to", "intent_state"])
    };
    tx.prepare_cached(
        "INSERT INTO intents (event_id, ts_ms, run_id, cycle_id, decision_id, order_intent_id, \
         event_type, state, symbol, side, reason_codes, payload_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.cycle_id,
        record.ids.decision_id,
        record.ids.order_intent_id,
        record.event_type,
        state,
        fields.text(&["symbol", "intent.symbol"]),
        fields.text(&["side", "intent.side"]),
        record.reason_codes_joined(),
        record.payload_json,
    ])?;
    Ok(())
}

pub fn project_order(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO orders (event_id, ts_ms, run_id, decision_id, order_intent_id, client_order_id, \
         symbol, side, status, payload_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.decision_id,
        record.ids.order_intent_id,
        fields.text(&["client_order_id", "clientOrderId"]),
        fields.text(&["symbol"]),
        fields.text(&["side"]),
        fields.text(&["status"]),
        record.payload_json,
    ])?;
    Ok(())
}

pub fn project_fill(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO fills (event_id, ts_ms, run_id, decision_id, order_intent_id, client_order_id, \
         symbol, side, price, quantity, payload_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.decision_id,
        record.ids.order_intent_id,
        fields.text(&["client_order_id", "clientOrderId"]),
        fields.text(&["symbol"]),
        fields.text(&["side"]),
        fields.text(&["price"]),
        fields.text(&["quantity", "qty"]),
        record.payload_json,
    ])?;
    Ok(())
}

pub fn project_position(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO positions (event_id, ts_ms, run_id, decision_id, order_intent_id, symbol, state, \
         payload_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.decision_id,
        record.ids.order_intent_id,
        fields.text(&["symbol"]),
        fields.text(&["state", "position_state"]),
        record.payload_json,
    ])?;
    Ok(())
}

pub fn project_reconcile_run(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO reconcile_runs (event_id, ts_ms, run_id, reason_codes, payload_json) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.reason_codes_joined(),
        record.payload_json,
    ])?;
    Ok(())
}

pub fn project_reconcile_diff(
    tx: &Transaction<'_>,
    event_id: i64,
    record: &EventRecord,
) -> rusqlite::Result<()> {
    let fields = PayloadFields::parse(&record.payload_json);
    tx.prepare_cached(
        "INSERT INTO reconcile_diffs (event_id, ts_ms, run_id, order_intent_id, symbol, reason_codes, \
         payload_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event_id,
        record.ts_ms,
        record.ids.run_id,
        record.ids.order_intent_id,
        fields.text(&["symbol"]),
        record.reason_codes_joined(),
        record.payload_json,
    ])?;
    Ok(())
}
