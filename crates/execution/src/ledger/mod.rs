mod fills;
mod intents;
mod orders;
mod positions;
mod records;
mod text;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::LedgerError;

pub use intents::NewIntentRow;
pub use records::{
    FillRecord, IntentPlans, IntentRecord, OrderRecord, OrderReport, PositionRecord,
};

pub const EXECUTOR_LEDGER_RELATIVE: &str = "data/executor.sqlite";

const MIGRATION_SQL: [&str; 1] = [include_str!(
    "../../../../migrations/executor/0001_executor_ledger.sql"
)];

pub fn executor_ledger_path(var_dir: &Path) -> PathBuf {
    var_dir.join(EXECUTOR_LEDGER_RELATIVE)
}

#[derive(Debug)]
pub struct Ledger {
    inner: Mutex<Connection>,
}

impl Ledger {
    pub fn open(path: &Path) -> Result<Self, LedgerError> {
        let open_failed = |detail: String| LedgerError::Open {
            path: path.display().to_string(),
            detail,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| open_failed(e.to_string()))?;
        }
        let mut conn = Connection::open(path).map_err(|e| open_failed(e.to_string()))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| open_failed(e.to_string()))?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| open_failed(e.to_string()))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| open_failed(e.to_string()))?;
        Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
            .to_latest(&mut conn)
            .map_err(|e| LedgerError::Migration(e.to_string()))?;
        Ok(Self {
            inner: Mutex::new(conn),
        })
    }

    pub(crate) fn conn(&self) -> Result<MutexGuard<'_, Connection>, LedgerError> {
        self.inner
            .lock()
            .map_err(|_| LedgerError::Read("ledger connection lock poisoned".into()))
    }

    pub fn journal_mode(&self) -> Result<String, LedgerError> {
        self.conn()?
            .query_row("PRAGMA journal_mode", [], |row| row.get(0))
            .map_err(|e| LedgerError::Read(e.to_string()))
    }
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
