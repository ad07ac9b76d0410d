use std::path::Path;

use crate::AuditError;
use crate::checkpoint::CheckpointPolicy;
use crate::jsonl::{JsonlTrail, logs_dir};
use crate::jsonl_recover::last_event_id_in_trail;
use crate::record::EventRecord;
use crate::store::{Ack, BatchOutcome, StoreWriter};
use crate::trail_follower::{TrailFollower, catch_up_trail, extend_trail};

#[derive(Debug)]
pub struct AuditWriter {
    store: StoreWriter,
    trail: JsonlTrail,
    trail_through: i64,
}

impl AuditWriter {
    pub fn open(var_dir: &Path, checkpoint: CheckpointPolicy) -> Result<Self, AuditError> {
        let store = StoreWriter::open(var_dir, checkpoint)?;
        let mut trail = JsonlTrail::open(var_dir)?;
        let mut trail_through = last_event_id_in_trail(&logs_dir(var_dir))?;
        catch_up_trail(&mut trail, &mut trail_through, store.connection())?;
        Ok(Self {
            store,
            trail,
            trail_through,
        })
    }

    pub fn store(&self) -> &StoreWriter {
        &self.store
    }

    pub fn write_batch(&mut self, records: &[EventRecord]) -> Result<BatchOutcome, AuditError> {
        self.write_owned(records.to_vec())
    }

    pub fn write_owned(&mut self, records: Vec<EventRecord>) -> Result<BatchOutcome, AuditError> {
        let mut outcome = self.store.commit_batch(records)?;
        outcome.trail_error = extend_trail(
            &mut self.trail,
            &mut self.trail_through,
            self.store.connection(),
            &outcome.written,
        )
        .err();
        Ok(outcome)
    }

    pub fn write_acks(&mut self, records: &[EventRecord]) -> Result<Vec<Ack>, AuditError> {
        self.write_batch(records).map(|outcome| outcome.acks)
    }

    pub fn into_pipeline(self) -> Result<(StoreWriter, TrailFollower), AuditError> {
        let follower = TrailFollower::new(self.trail, self.trail_through, self.store.path())?;
        Ok((self.store, follower))
    }
}
