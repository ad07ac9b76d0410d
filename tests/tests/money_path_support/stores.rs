use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};
use rust_decimal::Decimal;

pub struct LedgerStore {
    path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerOrder {
    pub client_order_id: String,
    pub order_intent_id: String,
    pub purpose: String,
    pub side: String,
    pub order_type: String,
    pub status: String,
    pub exchange_order_id: Option<i64>,
    pub executed_qty: Decimal,
}

fn read_only(path: &Path) -> Option<Connection> {
    if !path.exists() {
        return None;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).ok()?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
    Some(conn)
}

impl LedgerStore {
    pub fn new(var_dir: &Path) -> Self {
        Self {
            path: livespot_execution::executor_ledger_path(var_dir),
        }
    }

    pub fn intent_state(&self, id: &str) -> Option<String> {
        let conn = read_only(&self.path)?;
        conn.query_row(
            "SELECT state FROM intents WHERE order_intent_id = ?1",
            params![id],
            |row| row.get(0),
        )
        .ok()
    }

    pub fn client_order_id(&self, id: &str) -> String {
        let conn = read_only(&self.path).unwrap();
        conn.query_row(
            "SELECT client_order_id FROM intents WHERE order_intent_id = ?1",
            params![id],
            |row| row.get(0),
        )
        .unwrap()
    }

    pub fn intent_history(&self, id: &str) -> Vec<String> {
        let Some(conn) = read_only(&self.path) else {
            return Vec::new();
        };
        let mut statement = conn
            .prepare(
                "SELECT to_state FROM intent_transitions WHERE order_intent_id = ?1 ORDER BY id",
            )
            .unwrap();
        statement
            .query_map(params![id], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    pub fn position_state(&self, id: &str) -> Option<String> {
        let conn = read_only(&self.path)?;
        conn.query_row(
            "SELECT state FROM positions WHERE order_intent_id = ?1",
            params![id],
            |row| row.get(0),
        )
        .ok()
    }

    pub fn position_qty(&self, id: &str) -> Option<Decimal> {
        let conn = read_only(&self.path)?;
        let text: String = conn
            .query_row(
                "SELECT base_qty FROM positions WHERE order_intent_id = ?1",
                params![id],
                |row| row.get(0),
            )
            .ok()?;
        text.parse().ok()
    }

    pub fn orders(&self) -> Vec<LedgerOrder> {
        let Some(conn) = read_only(&self.path) else {
            return Vec::new();
        };
        let mut statement = conn
            .prepare(
                "SELECT client_order_id, order_intent_id, purpose, side, order_type, status, \
                 exchange_order_id, executed_qty FROM orders ORDER BY created_ts_ms, client_order_id",
            )
            .unwrap();
        statement
            .query_map([], |row| {
                let executed: String = row.get(7)?;
                Ok(LedgerOrder {
                    client_order_id: row.get(0)?,
                    order_intent_id: row.get(1)?,
                    purpose: row.get(2)?,
                    side: row.get(3)?,
                    order_type: row.get(4)?,
                    status: row.get(5)?,
                    exchange_order_id: row.get(6)?,
                    executed_qty: executed.parse().unwrap_or_default(),
                })
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    pub fn orders_for(&self, id: &str) -> Vec<LedgerOrder> {
        self.orders()
            .into_iter()
            .filter(|order| order.order_intent_id == id)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub event_type: String,
    pub order_intent_id: Option<String>,
    pub reason_codes: String,
    pub payload_json: String,
}

impl AuditRow {
    pub fn reported_state(&self) -> Option<String> {
        let body: serde_json::Value = serde_json::from_str(&self.payload_json).ok()?;
        let state = body
            .as_str()
            .or_else(|| body["detail"].as_str())
            .or_else(|| body["state"].as_str())?;
        Some(state.to_owned())
    }
}

pub struct AuditStore {
    path: PathBuf,
}

impl AuditStore {
    pub fn new(var_dir: &Path) -> Self {
        Self {
            path: livespot_audit::audit_db_path(var_dir),
        }
    }

    pub fn rows(&self, event_type: &str) -> Vec<AuditRow> {
        let Some(conn) = read_only(&self.path) else {
            return Vec::new();
        };
        let Ok(mut statement) = conn.prepare(
            "SELECT event_type, order_intent_id, reason_codes, payload_json FROM events \
             WHERE event_type = ?1 AND sender = 'executor' ORDER BY event_id",
        ) else {
            return Vec::new();
        };
        statement
            .query_map(params![event_type], |row| {
                Ok(AuditRow {
                    event_type: row.get(0)?,
                    order_intent_id: row.get(1)?,
                    reason_codes: row.get(2)?,
                    payload_json: row.get(3)?,
                })
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    pub fn rows_for(&self, event_type: &str, id: &str) -> Vec<AuditRow> {
        self.rows(event_type)
            .into_iter()
            .filter(|row| row.order_intent_id.as_deref() == Some(id))
            .collect()
    }
}
