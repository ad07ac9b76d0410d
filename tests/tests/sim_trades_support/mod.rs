#![allow(
    dead_code,
    reason = "each test binary that shares this support module uses a different part of it"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::launch_support::{TestVar, http_get};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerOrder {
    pub client_order_id: String,
    pub purpose: String,
    pub symbol: String,
    pub side: String,
    pub status: String,
    pub executed_qty: String,
}

fn open_read_only(path: &Path) -> Option<rusqlite::Connection> {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()
}

pub fn audit_count(var: &TestVar, sql: &str) -> i64 {
    open_read_only(&var.path().join("data").join("audit.sqlite"))
        .and_then(|db| db.query_row(sql, [], |row| row.get(0)).ok())
        .unwrap_or(0)
}

pub fn audit_texts(var: &TestVar, sql: &str) -> Vec<String> {
    let Some(db) = open_read_only(&var.path().join("data").join("audit.sqlite")) else {
        return Vec::new();
    };
    let Ok(mut statement) = db.prepare(sql) else {
        return Vec::new();
    };
    statement
        .query_map([], |row| row.get::<_, String>(0))
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default()
}

pub fn ledger_orders(var: &TestVar) -> Vec<LedgerOrder> {
    let Some(db) = open_read_only(&var.path().join("data").join("executor.sqlite")) else {
        return Vec::new();
    };
    let sql = "SELECT client_order_id, purpose, symbol, side, status, executed_qty FROM orders";
    let Ok(mut statement) = db.prepare(sql) else {
        return Vec::new();
    };
    statement
        .query_map([], |row| {
            Ok(LedgerOrder {
                client_order_id: row.get(0)?,
                purpose: row.get(1)?,
                symbol: row.get(2)?,
                side: row.get(3)?,
                status: row.get(4)?,
                executed_qty: row.get(5)?,
            })
        })
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default()
}

pub fn ledger_positions(var: &TestVar) -> BTreeMap<String, String> {
    let Some(db) = open_read_only(&var.path().join("data").join("executor.sqlite")) else {
        return BTreeMap::new();
    };
    let Ok(mut statement) = db.prepare("SELECT order_intent_id, state FROM positions") else {
        return BTreeMap::new();
    };
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map(|rows| rows.flatten().collect())
        .unwrap_or_default()
}

pub fn venue_state(var: &TestVar) -> Option<Value> {
    let admin = var.endpoints()?["venue"]["admin"].as_str()?.to_owned();
    serde_json::from_str(&http_get(&admin, "/admin/state")?).ok()
}

pub fn venue_orders(state: &Value) -> BTreeMap<String, Value> {
    state["orders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|order| Some((order["clientOrderId"].as_str()?.to_owned(), order.clone())))
        .collect()
}

pub fn venue_fill_count(state: &Value) -> usize {
    state["fills"].as_array().map_or(0, Vec::len)
}

pub fn disagreements(ledger: &[LedgerOrder], venue: &BTreeMap<String, Value>) -> Vec<String> {
    ledger
        .iter()
        .filter_map(|order| {
            let Some(twin) = venue.get(&order.client_order_id) else {
                return Some(format!("{} is not on the venue", order.client_order_id));
            };
            let same = twin["status"] == order.status.as_str()
                && twin["side"] == order.side.as_str()
                && twin["symbol"] == order.symbol.as_str()
                && decimal_eq(&twin["executedQty"], &order.executed_qty);
            (!same).then(|| format!("ledger {order:?} venue {twin}"))
        })
        .collect()
}

fn decimal_eq(venue: &Value, ledger: &str) -> bool {
    let parse = |text: &str| text.parse::<rust_decimal::Decimal>().ok();
    venue.as_str().and_then(parse).is_some() && venue.as_str().and_then(parse) == parse(ledger)
}
