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
    trail_through: i64,
}

impl AuditWriter {
    pub fn open(var_dir: &Path, checkpoint: CheckpointPolicy) -> Result<Self, AuditError> {
        let store = StoreWriter::open(var_dir, checkpoint)?;
        let trail = JsonlTrail::open(var_dir)?;
        let trail_through = last_event_id_in_trail(&logs_dir(var_dir))?;
        let mut writer = Self {
            store,
            trail,
            trail_through,
        };
        writer.catch_up_trail()?;
        Ok(writer)
    }

    pub fn store(&self) -> &StoreWriter {
        &self.store
    }

    pub fn write_batch(&mut self, records: &[EventRecord]) -> Result<BatchOutcome, AuditError> {
        self.write_owned(records.to_vec())
    }

    pub fn write_owned(&mut self, records: Vec<EventRecord>) -> Result<BatchOutcome, AuditError> {
        let mut outcome = self.store.commit_batch(records)?;
        outcome.trail_error = self.extend_trail(&outcome.written).err();
        Ok(outcome)
    }

    fn extend_trail(&mut self, written: &[WrittenEvent]) -> Result<(), AuditError> {
        let (Some(first), Some(last)) = (written.first(), written.last()) else {
            return Ok(());
        };
        if self.trail_through + 1 < first.event_id {
            return self.catch_up_trail();
        }
        self.trail.append(written)?;
        self.trail_through = last.event_id;
        Ok(())
    }

    pub fn write_acks(&mut self, records: &[EventRecord]) -> Result<Vec<Ack>, AuditError> {
        self.write_batch(records).map(|outcome| outcome.acks)
    }

    fn catch_up_trail(&mut self) -> Result<(), AuditError> {
        loop {
            let missing = self.events_after(self.trail_through)?;
            let Some(last) = missing.last() else {
                return Ok(());
            };
            let last_event_id = last.event_id;
            self.trail.append(&missing)?;
            self.trail_through = last_event_id;
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
