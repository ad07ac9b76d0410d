use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, Transaction, params};

use crate::AuditError;
use crate::chain::{ChainHead, load_head, store_head};
use crate::chain_hasher::Speculation;
use crate::checkpoint::{
    CheckpointKind, CheckpointPolicy, CheckpointReport, checkpoint_kind_due, run_checkpoint_kind,
};
use crate::migrate::{audit_db_path, ensure_schema_current};
use crate::prepared::PreparedEvent;
use crate::project::{ProjectionCache, Projector};
use crate::record::EventRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub sender: String,
    pub seq: u64,
    pub duplicate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenEvent {
    pub event_id: i64,
    pub event_hash: String,
    pub record: EventRecord,
    pub trail_payload: Option<String>,
}

#[derive(Debug, Default)]
pub struct BatchOutcome {
    pub acks: Vec<Ack>,
    pub written: Vec<WrittenEvent>,
    pub checkpoint: CheckpointReport,
    pub trail_error: Option<AuditError>,
}

#[derive(Debug)]
pub struct StoreWriter {
    conn: Connection,
    path: PathBuf,
    head: ChainHead,
    checkpoint: CheckpointPolicy,
    cache: ProjectionCache,
    last_checkpoint: Instant,
}

pub const WRITER_CACHE_KIB: i64 = -65_536;

pub const WRITER_STATEMENT_CACHE: usize = 32;

pub const WRITER_BUSY_TIMEOUT: Duration = Duration::from_millis(250);

impl StoreWriter {
    pub fn open(var_dir: &Path, checkpoint: CheckpointPolicy) -> Result<Self, AuditError> {
        let path = audit_db_path(var_dir);
        let conn = open_writer_connection(&path)?;
        ensure_schema_current(&conn, &path)?;
        let head = load_head(&conn).map_err(|error| AuditError::from_read(&error))?;
        Ok(Self {
            conn,
            path,
            head,
            checkpoint,
            cache: ProjectionCache::default(),
            last_checkpoint: Instant::now(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn head(&self) -> &ChainHead {
        &self.head
    }

    pub fn commit_batch(&mut self, records: Vec<EventRecord>) -> Result<BatchOutcome, AuditError> {
        self.commit_prepared(records.into_iter().map(PreparedEvent::prepare).collect())
    }

    pub fn commit_deferring_checkpoint(
        &mut self,
        events: Vec<PreparedEvent>,
    ) -> Result<BatchOutcome, AuditError> {
        self.commit_reusing(events.into_iter(), Vec::new(), None)
    }

    pub(crate) fn commit_reusing(
        &mut self,
        events: impl Iterator<Item = PreparedEvent>,
        written: Vec<WrittenEvent>,
        speculation: Option<Speculation>,
    ) -> Result<BatchOutcome, AuditError> {
        let committed = self.commit_records(events, written, speculation);
        if committed.is_err() {
            self.cache.forget();
        }
        let (head, outcome) = committed.map_err(|error| AuditError::from_write(&error))?;
        self.head = head;
        Ok(outcome)
    }

    pub fn commit_prepared(
        &mut self,
        events: Vec<PreparedEvent>,
    ) -> Result<BatchOutcome, AuditError> {
        let outcome = self.commit_deferring_checkpoint(events)?;
        let kind = self.checkpoint_due();
        let checkpoint = run_checkpoint_kind(&self.conn, &self.path, kind)?;
        Ok(BatchOutcome {
            checkpoint,
            ..outcome
        })
    }

    pub fn checkpoint_due(&mut self) -> CheckpointKind {
        let periodic_due = self
            .checkpoint
            .periodic
            .is_some_and(|periodic| self.last_checkpoint.elapsed() >= periodic.every);
        let kind = checkpoint_kind_due(&self.path, &self.checkpoint, periodic_due);
        if kind != CheckpointKind::None {
            self.last_checkpoint = Instant::now();
        }
        kind
    }
}

impl StoreWriter {
    fn commit_records(
        &mut self,
        events: impl Iterator<Item = PreparedEvent>,
        written: Vec<WrittenEvent>,
        speculation: Option<Speculation>,
    ) -> rusqlite::Result<(ChainHead, BatchOutcome)> {
        let tx = self.conn.transaction()?;
        let head = self.head.clone();
        let pending = Pending {
            events,
            written,
            speculation,
        };
        let (head, outcome) = append_all(&tx, &mut self.cache, head, pending)?;
        mark_batch(&tx, &outcome.written)?;
        store_head(&tx, &head)?;
        tx.commit()?;
        Ok((head, outcome))
    }
}

fn chain_tip<'a>(head: &'a ChainHead, written: &'a [WrittenEvent]) -> (i64, &'a str) {
    written
        .last()
        .map_or((head.event_count, head.head_hash.as_str()), |last| {
            (last.event_id, last.event_hash.as_str())
        })
}

struct Pending<I> {
    events: I,
    written: Vec<WrittenEvent>,
    speculation: Option<Speculation>,
}

fn append_all(
    tx: &Transaction<'_>,
    cache: &mut ProjectionCache,
    head: ChainHead,
    pending: Pending<impl Iterator<Item = PreparedEvent>>,
) -> rusqlite::Result<(ChainHead, BatchOutcome)> {
    let Pending {
        events,
        mut written,
        mut speculation,
    } = pending;
    written.clear();
    written.reserve(events.size_hint().0);
    let mut outcome = BatchOutcome {
        acks: Vec::with_capacity(written.capacity()),
        written,
        ..BatchOutcome::default()
    };
    let mut insert = tx.prepare_cached(INSERT_EVENT)?;
    let mut projector = Projector::new(tx);
    for event in events {
        let (prev_count, prev_hash) = chain_tip(&head, &outcome.written);
        let event_id = prev_count + 1;
        let event_hash = speculation
            .as_mut()
            .and_then(Speculation::next_hash)
            .unwrap_or_else(|| event.chained_hash(prev_hash));
        let record = &event.record;
        let inserted = insert_event(&mut insert, event_id, record, prev_hash, &event_hash)?;
        if !inserted && let Some(speculation) = speculation.as_mut() {
            speculation.abandon();
        }
        outcome.acks.push(Ack {
            sender: record.sender.clone(),
            seq: record.seq,
            duplicate: !inserted,
        });
        if inserted {
            projector.project(cache, event_id, &event)?;
            outcome.written.push(WrittenEvent {
                event_id,
                event_hash,
                record: event.record,
                trail_payload: event.trail_payload,
            });
        }
    }
    let head = outcome.written.last().map_or(head, |last| ChainHead {
        event_count: last.event_id,
        head_hash: last.event_hash.clone(),
    });
    Ok((head, outcome))
}

fn mark_batch(tx: &Transaction<'_>, written: &[WrittenEvent]) -> rusqlite::Result<()> {
    let (Some(first), Some(last)) = (written.first(), written.last()) else {
        return Ok(());
    };
    let timestamps = written.iter().map(|event| event.record.ts_ms);
    let min_ts = timestamps.clone().min().unwrap_or(first.record.ts_ms);
    let max_ts = timestamps.max().unwrap_or(last.record.ts_ms);
    tx.prepare_cached(
        "INSERT INTO event_batches (first_event_id, last_event_id, min_ts_ms, max_ts_ms) \
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![first.event_id, last.event_id, min_ts, max_ts])?;
    Ok(())
}

const INSERT_EVENT: &str = "INSERT INTO events (event_id, sender, seq, event_type, ts_ms, source, \
     run_id, cycle_id, snapshot_id, decision_id, order_intent_id, reason_codes, payload_json, \
     prev_hash, event_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) \
     ON CONFLICT (sender, seq) DO NOTHING";

fn insert_event(
    statement: &mut rusqlite::CachedStatement<'_>,
    event_id: i64,
    record: &EventRecord,
    prev_hash: &str,
    event_hash: &str,
) -> rusqlite::Result<bool> {
    let seq =
        i64::try_from(record.seq).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(1, 0))?;
    let changed = statement.execute(params![
        event_id,
        record.sender,
        seq,
        record.event_type,
        record.ts_ms,
        record.source,
        record.ids.run_id,
        record.ids.cycle_id,
        record.ids.snapshot_id,
        record.ids.decision_id,
        record.ids.order_intent_id,
        record.reason_codes_joined(),
        record.payload_json,
        prev_hash,
        event_hash,
    ])?;
    Ok(changed == 1)
}

pub fn open_writer_connection(path: &Path) -> Result<Connection, AuditError> {
    let open_error = |error: rusqlite::Error| AuditError::StoreOpen {
        path: path.display().to_string(),
        detail: error.to_string(),
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(open_error)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(open_error)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(open_error)?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)
        .map_err(open_error)?;
    conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB)
        .map_err(open_error)?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(open_error)?;
    conn.busy_timeout(WRITER_BUSY_TIMEOUT).map_err(open_error)?;
    conn.set_prepared_statement_cache_capacity(WRITER_STATEMENT_CACHE);
    Ok(conn)
}
