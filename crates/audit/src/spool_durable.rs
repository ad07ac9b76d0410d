use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use livespot_domain::{AuditEvent, ProcessRole};
use livespot_ipc::{DurableMessage, Outbox, OutboxError};

use crate::AuditError;
use crate::spool::AuditSpool;

#[derive(Debug)]
pub struct DurableSpool {
    outbox: Outbox,
    entries: VecDeque<(u64, AuditEvent)>,
    capacity: usize,
}

fn outbox_error(error: &OutboxError) -> AuditError {
    AuditError::SinkUnavailable {
        detail: error.to_string(),
    }
}

impl DurableSpool {
    pub fn path_for(var_dir: &Path, sender: ProcessRole) -> PathBuf {
        var_dir
            .join("data")
            .join(format!("audit-outbox-{}.sqlite", sender.as_str()))
    }

    pub fn open(path: &Path, sender: ProcessRole, capacity: usize) -> Result<Self, AuditError> {
        let outbox = Outbox::open(path, sender).map_err(|error| outbox_error(&error))?;
        let entries = outbox
            .unacked(capacity)
            .map_err(|error| outbox_error(&error))?
            .into_iter()
            .filter_map(|entry| match entry.message {
                DurableMessage::AuditEvent(event) => Some((entry.seq, event)),
                DurableMessage::IntentUpdate(_) => None,
            })
            .collect();
        Ok(Self {
            outbox,
            entries,
            capacity,
        })
    }
}

impl AuditSpool for DurableSpool {
    fn push(&mut self, event: AuditEvent) -> Result<u64, AuditError> {
        if self.entries.len() >= self.capacity {
            return Err(AuditError::OutboxFull {
                capacity: self.capacity,
            });
        }
        let message = DurableMessage::AuditEvent(event);
        let seq = self
            .outbox
            .push(&message)
            .map_err(|error| outbox_error(&error))?;
        if let DurableMessage::AuditEvent(event) = message {
            self.entries.push_back((seq, event));
        }
        Ok(seq)
    }

    fn ack_through(&mut self, seq: u64) -> Result<(), AuditError> {
        while let Some((first, _)) = self.entries.front() {
            if *first > seq {
                break;
            }
            self.outbox
                .ack(*first)
                .map_err(|error| outbox_error(&error))?;
            self.entries.pop_front();
        }
        Ok(())
    }

    fn unacked_after(
        &self,
        after_seq: u64,
        limit: usize,
    ) -> Result<Vec<(u64, AuditEvent)>, AuditError> {
        let start = self.entries.partition_point(|(seq, _)| *seq <= after_seq);
        Ok(self
            .entries
            .iter()
            .skip(start)
            .take(limit)
            .cloned()
            .collect())
    }

    fn pending(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use livespot_domain::{AuditEventType, CorrelationIds};

    use super::*;

    fn event(ts_ms: i64) -> AuditEvent {
        AuditEvent::new(
            AuditEventType::Order,
            ts_ms,
            ProcessRole::Executor,
            CorrelationIds::default(),
        )
    }

    #[test]
    fn unacked_events_survive_a_restart_and_seqs_keep_growing() {
        let dir = tempfile::tempdir().unwrap();
        let path = DurableSpool::path_for(dir.path(), ProcessRole::Executor);
        let mut spool = DurableSpool::open(&path, ProcessRole::Executor, 100).unwrap();
        let seqs: Vec<u64> = (1..=10).map(|ts| spool.push(event(ts)).unwrap()).collect();
        spool.ack_through(seqs[3]).unwrap();
        drop(spool);
        let mut reopened = DurableSpool::open(&path, ProcessRole::Executor, 100).unwrap();
        assert_eq!(reopened.pending(), 6);
        let pending = reopened.unacked_after(0, 100).unwrap();
        assert_eq!(pending.first().map(|(seq, _)| *seq), Some(seqs[4]));
        assert_eq!(pending.first().map(|(_, event)| event.ts_ms), Some(5));
        reopened.ack_through(seqs[9]).unwrap();
        let next = reopened.push(event(11)).unwrap();
        assert!(next > seqs[9]);
    }
}
