mod dashboard;
mod tabs;
mod trace;

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use serde_json::{Map, Value};

use crate::AuditError;
use crate::read_conn::open_read_only;
use crate::record::split_reason_codes;
use crate::redact::redacted_payload;

pub use dashboard::ChurnCounts;
pub use tabs::RowFilter;

pub type JsonRow = Map<String, Value>;

pub const PAYLOAD_COLUMN: &str = "payload_json";
pub const REASON_CODES_COLUMN: &str = "reason_codes";

#[derive(Debug)]
pub struct PanelQueries {
    conn: Connection,
}

impl PanelQueries {
    pub fn open(db_path: &Path) -> Result<Self, AuditError> {
        Ok(Self {
            conn: open_read_only(db_path)?,
        })
    }

    fn rows(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<JsonRow>, AuditError> {
        let read = |error: rusqlite::Error| AuditError::from_read(&error);
        let mut statement = self.conn.prepare_cached(sql).map_err(read)?;
        let names: Vec<String> = statement
            .column_names()
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        let rows = statement
            .query_map(params, |row| json_row(row, &names))
            .map_err(read)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(read)
    }

    fn scalar(&self, sql: &str, params: impl rusqlite::Params) -> Result<i64, AuditError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut statement| statement.query_row(params, |row| row.get(0)))
            .map_err(|error| AuditError::from_read(&error))
    }

    pub fn last_event_id(&self) -> Result<i64, AuditError> {
        self.scalar("SELECT coalesce(max(event_id), 0) FROM events", [])
    }
}

fn json_row(row: &Row<'_>, names: &[String]) -> rusqlite::Result<JsonRow> {
    let mut map = Map::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let cell = row.get_ref(index)?;
        let (key, value) = json_cell(name, cell);
        map.insert(key, value);
    }
    Ok(map)
}

fn json_cell(name: &str, cell: ValueRef<'_>) -> (String, Value) {
    let text = match cell {
        ValueRef::Null => return (name.to_owned(), Value::Null),
        ValueRef::Integer(number) => return (name.to_owned(), Value::from(number)),
        ValueRef::Real(number) => return (name.to_owned(), Value::from(number.to_string())),
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => String::from_utf8_lossy(bytes),
    };
    match name {
        PAYLOAD_COLUMN => ("payload".to_owned(), redacted_payload(&text)),
        REASON_CODES_COLUMN => (name.to_owned(), Value::from(split_reason_codes(&text))),
        _ => (name.to_owned(), Value::from(text.into_owned())),
    }
}
