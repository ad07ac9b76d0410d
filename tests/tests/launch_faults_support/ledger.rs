use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntentRow {
    pub order_intent_id: String,
    pub client_order_id: String,
    pub symbol: String,
    pub state: String,
    pub plans_json: String,
}

fn ledger(var: &Path) -> Option<Connection> {
    let path = livespot_execution::executor_ledger_path(var);
    if !path.exists() {
        return None;
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
    Some(conn)
}

pub fn intents(var: &Path) -> Vec<IntentRow> {
    let Some(conn) = ledger(var) else {
        return Vec::new();
    };
    let sql = "SELECT order_intent_id, client_order_id, symbol, state, plans_json FROM intents \
               ORDER BY created_ts_ms, rowid";
    let Ok(mut statement) = conn.prepare(sql) else {
        return Vec::new();
    };
    statement
        .query_map([], |row| {
            Ok(IntentRow {
                order_intent_id: row.get(0)?,
                client_order_id: row.get(1)?,
                symbol: row.get(2)?,
                state: row.get(3)?,
                plans_json: row.get(4)?,
            })
        })
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default()
}

pub fn intent_with_client_order_id(var: &Path, client_order_id: &str) -> Option<IntentRow> {
    intents(var)
        .into_iter()
        .find(|intent| intent.client_order_id == client_order_id)
}

pub fn positions(var: &Path) -> BTreeMap<String, String> {
    let Some(conn) = ledger(var) else {
        return BTreeMap::new();
    };
    let Ok(mut statement) = conn.prepare("SELECT order_intent_id, state FROM positions") else {
        return BTreeMap::new();
    };
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default()
}

pub fn position_states_of(var: &Path, id: &str) -> Option<String> {
    let conn = ledger(var)?;
    conn.query_row(
        "SELECT state FROM positions WHERE order_intent_id = ?1",
        params![id],
        |row| row.get(0),
    )
    .ok()
}

pub fn plan_field(intent: &IntentRow, field: &str) -> serde_json::Value {
    let plans: serde_json::Value = serde_json::from_str(&intent.plans_json).unwrap_or_default();
    plans["entry_plan"][field].clone()
}

pub const MAX_PROTECTION_ATTEMPTS: u32 = 11;

pub fn protection_list_ids(id: &str) -> Vec<String> {
    let intent = livespot_domain::OrderIntentId::new(id).unwrap();
    (0..MAX_PROTECTION_ATTEMPTS)
        .map(|attempt| {
            livespot_execution::ids::order_client_id(
                &intent,
                livespot_binance::client_order_id::OrderPurpose::ProtectionList,
                attempt,
            )
            .unwrap()
            .as_str()
            .to_owned()
        })
        .collect()
}

pub fn intent_with_protection_list(var: &Path, list_client_order_id: &str) -> Option<IntentRow> {
    intents(var).into_iter().find(|intent| {
        protection_list_ids(&intent.order_intent_id)
            .iter()
            .any(|list| list == list_client_order_id)
    })
}
