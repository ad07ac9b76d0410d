use std::path::Path;
use std::time::{Duration, Instant};

use livespot_audit::{audit_db_path, migrate_store};
use rusqlite::{Connection, params};

use crate::events::{BenchResult, bench_batch, bench_event};

struct RawRow {
    event_id: i64,
    ts_ms: i64,
    cycle_id: String,
    decision_id: String,
    prev_hash: String,
    event_hash: String,
}

fn raw_rows(first: i64, last: i64) -> Vec<RawRow> {
    (first..=last)
        .map(|event_id| RawRow {
            event_id,
            ts_ms: 1_764_000_000_000 + event_id - 1,
            cycle_id: format!("cycle-{}", (event_id - 1) / 16),
            decision_id: format!("dec-strategy-{}", event_id - 1),
            prev_hash: format!("{:064x}", event_id - 1),
            event_hash: format!("{event_id:064x}"),
        })
        .collect()
}

const RAW_INSERT: &str = "INSERT INTO events (event_id, sender, seq, event_type, ts_ms, source, run_id, \
     cycle_id, snapshot_id, decision_id, order_intent_id, reason_codes, payload_json, prev_hash, \
     event_hash) VALUES (?1, 'strategy', ?1, 'DECISION', ?2, 'strategy', 'bench-run', ?3, NULL, ?4, \
     NULL, '', ?5, ?6, ?7)";

pub fn raw_batched_insert(var_dir: &Path, events: u64) -> BenchResult<Duration> {
    let path = audit_db_path(var_dir);
    migrate_store(&path)?;
    let mut conn = Connection::open(&path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", livespot_audit::WRITER_CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let payload = bench_event(livespot_domain::ProcessRole::Strategy, 0)?.payload_json;
    let batch = i64::try_from(bench_batch())?;
    let last = i64::try_from(events)?;
    let mut elapsed = Duration::ZERO;
    let mut next: i64 = 1;
    while next <= last {
        let rows = raw_rows(next, last.min(next + batch - 1));
        let started = Instant::now();
        let tx = conn.transaction()?;
        {
            let mut statement = tx.prepare_cached(RAW_INSERT)?;
            for row in &rows {
                statement.execute(params![
                    row.event_id,
                    row.ts_ms,
                    row.cycle_id,
                    row.decision_id,
                    payload,
                    row.prev_hash,
                    row.event_hash
                ])?;
            }
        }
        tx.commit()?;
        elapsed += started.elapsed();
        next += batch;
    }
    Ok(elapsed)
}
