use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};

use crate::AuditError;

pub const AUDIT_DB_RELATIVE: &str = "data/audit.sqlite";

const MIGRATION_SQL: [&str; 2] = [
    include_str!("../../../migrations/0001_audit_store.sql"),
    include_str!("../../../migrations/0002_ai_gate_columns.sql"),
];

pub const LATEST_SCHEMA_VERSION: usize = MIGRATION_SQL.len();

pub fn audit_db_path(var_dir: &Path) -> PathBuf {
    var_dir.join(AUDIT_DB_RELATIVE)
}

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrateOutcome {
    pub from_version: usize,
    pub to_version: usize,
}

pub fn migrate_store(path: &Path) -> Result<MigrateOutcome, AuditError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| AuditError::StoreOpen {
            path: parent.display().to_string(),
            detail: error.to_string(),
        })?;
    }
    let mut conn = Connection::open(path).map_err(|error| AuditError::StoreOpen {
        path: path.display().to_string(),
        detail: error.to_string(),
    })?;
    let from_version = schema_version(&conn, path)?;
    migrations()
        .to_latest(&mut conn)
        .map_err(|error| AuditError::Migration {
            detail: error.to_string(),
        })?;
    Ok(MigrateOutcome {
        from_version,
        to_version: schema_version(&conn, path)?,
    })
}

fn schema_version(conn: &Connection, path: &Path) -> Result<usize, AuditError> {
    let version = migrations()
        .current_version(conn)
        .map_err(|error| AuditError::Migration {
            detail: error.to_string(),
        })?;
    match version {
        SchemaVersion::NoneSet => Ok(0),
        SchemaVersion::Inside(version) => Ok(version.get()),
        SchemaVersion::Outside(_) => Err(AuditError::SchemaAhead {
            path: path.display().to_string(),
        }),
    }
}

pub fn ensure_schema_current(conn: &Connection, path: &Path) -> Result<(), AuditError> {
    let version = schema_version(conn, path)?;
    if version < LATEST_SCHEMA_VERSION {
        let pending = LATEST_SCHEMA_VERSION - version;
        return Err(AuditError::SchemaBehind {
            path: path.display().to_string(),
            pending: i64::try_from(pending).unwrap_or(i64::MAX),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrate_creates_store_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = audit_db_path(dir.path());
        let first = migrate_store(&path).unwrap();
        assert_eq!(first.from_version, 0);
        assert_eq!(first.to_version, LATEST_SCHEMA_VERSION);
        let second = migrate_store(&path).unwrap();
        assert_eq!(second.from_version, LATEST_SCHEMA_VERSION);
        let conn = Connection::open(&path).unwrap();
        ensure_schema_current(&conn, &path).unwrap();
        let page_size: i64 = conn
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .unwrap();
        assert_eq!(page_size, 16_384);
    }

    #[test]
    fn store_behind_migrations_is_refused_with_reason_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.sqlite");
        let conn = Connection::open(&path).unwrap();
        let error = ensure_schema_current(&conn, &path).unwrap_err();
        assert_eq!(error.reason_code(), "AUDIT_SCHEMA_BEHIND");
    }

    #[test]
    fn every_table_named_by_the_design_exists() {
        let dir = tempfile::tempdir().unwrap();
        let path = audit_db_path(dir.path());
        migrate_store(&path).unwrap();
        let conn = Connection::open(&path).unwrap();
        for table in [
            "runs",
            "cycles",
            "stage_changes",
            "alerts",
            "events",
            "snapshots",
            "decisions",
            "ai_gate_events",
            "risk_verdicts",
            "intents",
            "orders",
            "fills",
            "positions",
            "reconcile_runs",
            "reconcile_diffs",
            "process_health",
        ] {
            let count: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |row| row.get(0),
                )
                .unwrap();
            assert_eq!(count, 1, "missing table {table}");
        }
    }
}
