use std::path::Path;

use rusqlite::params;

use crate::AuditError;
use crate::checkpoint::CheckpointPolicy;
use crate::jsonl::{JsonlTrail, logs_dir};
use crate::jsonl_recover::last_event_id_in_trail;
use crate::record::EventRecord;
use crate::rows::{EVENT_COLUMNS, stored_event};
use crate::store::{Ack, BatchOutcome, StoreWriter, WrittenEvent};

const CATCH_UP_CHUNK: i64 = 10_000;

#[derive(Debug)]
pub struct AuditWriter {
    store: StoreWriter,
    trail: JsonlTrail,
}

impl AuditWriter {
    pub fn open(var_dir: &Path, checkpoint: CheckpointPolicy) -> Result<Self, AuditError> {
        let store = StoreWriter::open(var_dir, checkpoint)?;
        let trail = JsonlTrail::open(var_dir)?;
        let mut writer = Self { store, trail };
        writer.catch_up_trail(last_event_id_in_trail(&logs_dir(var_dir))?)?;
        Ok(writer)
    }

    pub fn store(&self) -> &StoreWriter {
        &self.store
    }

    pub fn write_batch(&mut self, records: &[EventRecord]) -> Result<BatchOutcome, AuditError> {
        let outcome = self.store.commit_batch(records)?;
        self.trail.append(&outcome.written)?;
        Ok(outcome)
    }

    pub fn write_acks(&mut self, records: &[EventRecord]) -> Result<Vec<Ack>, AuditError> {
        self.write_batch(records).map(|outcome| outcome.acks)
    }

    fn catch_up_trail(&mut self, mut after_event_id: i64) -> Result<(), AuditError> {
        loop {
            let missing = self.events_after(after_event_id)?;
            let Some(last) = missing.last() else {
                return Ok(());
            };
            after_event_id = last.event_id;
            self.trail.append(&missing)?;
        }
    }

    fn events_after(&self, after_event_id: i64) -> Result<Vec<WrittenEvent>, AuditError> {
        let conn = self.store.connection();
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE event_id > ?1 ORDER BY event_id LIMIT ?2"
        );
        let mut statement = conn
            .prepare(&sql)
            .map_err(|error| AuditError::from_read(&error))?;
        let rows = statement
            .query_map(params![after_event_id, CATCH_UP_CHUNK], stored_event)
            .map_err(|error| AuditError::from_read(&error))?;
        rows.map(|row| {
            row.map(|stored| WrittenEvent {
                event_id: stored.event_id,
                event_hash: stored.event_hash,
                record: stored.record,
            })
            .map_err(|error| AuditError::from_read(&error))
        })
        .collect()
    }
}
