use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::AuditError;
use crate::migrate::ensure_schema_current;

pub const READER_BUSY_TIMEOUT: Duration = Duration::from_millis(100);

pub fn open_read_only(db_path: &Path) -> Result<Connection, AuditError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(db_path, flags).map_err(|error| AuditError::StoreOpen {
            path: db_path.display().to_string(),
            detail: error.to_string(),
        })?;
    conn.busy_timeout(READER_BUSY_TIMEOUT)
        .map_err(|error| AuditError::from_read(&error))?;
    ensure_schema_current(&conn, db_path)?;
    Ok(conn)
}
