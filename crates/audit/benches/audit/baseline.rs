use std::path::Path;
use std::time::{Duration, Instant};

use livespot_audit::{audit_db_path, migrate_store};
use rusqlite::{Connection, params};

pub fn raw_batched_insert(var_dir: &Path, events: u64) -> crate::events::BenchResult<Duration> {
    let path = audit_db_path(var_dir);
    migrate_store(&path)?;
    let mut conn = Connection::open(&path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let payload = r#"{"index":0,"score":7312,"side":"BUY","symbol":"BTCUSDT"}"#;
    let hash = "0".repeat(64);
    let batch = i64::try_from(crate::events::bench_batch())?;
    let started = Instant::now();
    let mut next: i64 = 1;
    let last = i64::try_from(events)?;
    while next <= last {
        let tx = conn.transaction()?;
        {
            let mut statement = tx.prepare_cached(
                "INSERT INTO events (event_id, sender, seq, event_type, ts_ms, source, run_id, decision_id, \
                 reason_codes, payload_json, prev_hash, event_hash) VALUES (?1, 'strategy', ?1, 'DECISION', \
                 ?2, 'strategy', 'bench-run', 'dec-' || ?1, '', ?3, ?4, ?4)",
            )?;
            for event_id in next..=last.min(next + batch - 1) {
                statement.execute(params![
                    event_id,
                    1_764_000_000_000_i64 + event_id,
                    payload,
                    hash
                ])?;
            }
        }
        tx.commit()?;
        next += batch;
    }
    Ok(started.elapsed())
}
