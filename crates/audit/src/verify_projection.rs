use rusqlite::{Connection, OptionalExtension};

use crate::AuditError;
use crate::verify::{BrokenRow, ChainBreak};

const ONE_ROW_PER_EVENT: [(&str, &str); 13] = [
    ("stage_changes", "'STAGE_CHANGED', 'MODE_CHANGED'"),
    ("alerts", "'ALERT_RAISED', 'ALERT_CLEARED'"),
    ("snapshots", "'SNAPSHOT'"),
    ("decisions", "'DECISION'"),
    ("ai_gate_events", "'AIGATE_CALL'"),
    ("risk_verdicts", "'RISK_VERDICT'"),
    ("intents", "'INTENT_STATE', 'INTENT_REFUSED'"),
    ("orders", "'ORDER'"),
    ("fills", "'FILL'"),
    ("positions", "'POSITION'"),
    ("reconcile_runs", "'RECONCILE_REST'"),
    ("reconcile_diffs", "'RECONCILE_DIFF'"),
    ("process_health", "'PROCESS_HEALTH'"),
];

pub fn first_projection_gap(conn: &Connection) -> Result<Option<BrokenRow>, AuditError> {
    for (table, event_types) in ONE_ROW_PER_EVENT {
        let sql = format!(
            "SELECT e.event_id FROM events e LEFT JOIN {table} p ON p.event_id = e.event_id \
             WHERE e.event_type IN ({event_types}) AND p.event_id IS NULL \
             ORDER BY e.event_id LIMIT 1"
        );
        let missing: Option<i64> = conn
            .query_row(&sql, [], |row| row.get(0))
            .optional()
            .map_err(|error| AuditError::from_read(&error))?;
        if let Some(event_id) = missing {
            return Ok(Some(BrokenRow {
                table: table.to_owned(),
                event_id,
                kind: ChainBreak::ProjectionMissing,
            }));
        }
    }
    Ok(None)
}
