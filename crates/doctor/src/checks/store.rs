use std::path::Path;

use livespot_audit::{AuditError, audit_db_path, ensure_schema_current, verify_connection};
use livespot_domain::ReasonCode;
use rusqlite::{Connection, OpenFlags};

use crate::CheckResult;

pub const OPEN_NAME: &str = "sqlite_open";
pub const MIGRATIONS_NAME: &str = "migrations";
pub const INTEGRITY_NAME: &str = "sqlite_integrity";
pub const CHAIN_NAME: &str = "audit_chain";
const INTEGRITY_LINES_SHOWN: usize = 3;
const MIGRATE_FIX: &str = "run livespot-migrate (creates or upgrades var/data/audit.sqlite)";

pub fn check(var_dir: &Path) -> Vec<CheckResult> {
    let path = audit_db_path(var_dir);
    let conn = match open_read_only(&path) {
        Ok(conn) => conn,
        Err(failed) => return vec![failed],
    };
    let mut checks = vec![CheckResult::pass(
        OPEN_NAME,
        format!("{} opens read-only", path.display()),
    )];
    let migrations = check_migrations(&conn, &path);
    let current = migrations.status == crate::CheckStatus::Pass;
    checks.push(migrations);
    checks.push(check_integrity(&conn));
    if current {
        checks.push(check_chain(&conn));
    }
    checks
}

fn open_read_only(path: &Path) -> Result<Connection, CheckResult> {
    if !path.is_file() {
        return Err(CheckResult::fail(
            OPEN_NAME,
            ReasonCode::DoctorStoreMissing,
            format!("{} does not exist", path.display()),
            MIGRATE_FIX,
        ));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .and_then(|conn| {
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|_| conn)
        })
        .map_err(|error| {
            CheckResult::fail(
                OPEN_NAME,
                ReasonCode::DoctorStoreOpenFailed,
                format!("{}: {error}", path.display()),
                "check the file is a livespot SQLite store and readable by this user",
            )
        })
}

fn check_migrations(conn: &Connection, path: &Path) -> CheckResult {
    match ensure_schema_current(conn, path) {
        Ok(()) => CheckResult::pass(MIGRATIONS_NAME, "schema is at the latest migration"),
        Err(error @ AuditError::SchemaAhead { .. }) => CheckResult::fail(
            MIGRATIONS_NAME,
            ReasonCode::DoctorMigrationsPending,
            error.to_string(),
            "this binary is older than the store; run the livespot version that wrote it",
        ),
        Err(error) => CheckResult::fail(
            MIGRATIONS_NAME,
            ReasonCode::DoctorMigrationsPending,
            error.to_string(),
            MIGRATE_FIX,
        ),
    }
}

fn check_integrity(conn: &Connection) -> CheckResult {
    let lines: Result<Vec<String>, rusqlite::Error> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get::<_, String>(0))?
                .take(INTEGRITY_LINES_SHOWN)
                .collect()
        });
    match lines {
        Ok(lines) if lines == ["ok"] => CheckResult::pass(INTEGRITY_NAME, "integrity_check ok"),
        Ok(lines) => integrity_failed(&lines.join("; ")),
        Err(error) => integrity_failed(&error.to_string()),
    }
}

fn integrity_failed(detail: &str) -> CheckResult {
    CheckResult::fail(
        INTEGRITY_NAME,
        ReasonCode::DoctorIntegrityFailed,
        detail,
        "stop the stack, keep a copy of var/data, restore audit.sqlite from a backup",
    )
}

fn check_chain(conn: &Connection) -> CheckResult {
    let verified = conn
        .unchecked_transaction()
        .map_err(|error| AuditError::from_read(&error))
        .and_then(|snapshot| verify_connection(&snapshot));
    match verified {
        Ok(report) => match report.broken {
            None => CheckResult::pass(
                CHAIN_NAME,
                format!(
                    "{} events chained, head count {}",
                    report.events_checked, report.head_event_count
                ),
            ),
            Some(broken) => CheckResult::fail(
                CHAIN_NAME,
                ReasonCode::AuditChainBroken,
                format!(
                    "{broken} ({} events verified before it)",
                    report.events_checked
                ),
                "treat the store as tampered: keep it as evidence, investigate, start a fresh store",
            ),
        },
        Err(error) => CheckResult::fail(
            CHAIN_NAME,
            ReasonCode::AuditChainBroken,
            error.to_string(),
            "run livespot-audit verify for details",
        ),
    }
}
