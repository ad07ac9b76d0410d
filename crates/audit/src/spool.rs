use std::collections::VecDeque;

use livespot_domain::AuditEvent;

use crate::AuditError;

pub trait AuditSpool: Send + std::fmt::Debug {
    fn push(&mut self, event: AuditEvent) -> Result<u64, AuditError>;
    fn ack_through(&mut self, seq: u64) -> Result<(), AuditError>;
    fn unacked_after(
        &self,
        after_seq: u64,
        limit: usize,
    ) -> Result<Vec<(u64, AuditEvent)>, AuditError>;
    fn pending(&self) -> usize;
}

#[derive(Debug)]
pub struct MemorySpool {
    entries: VecDeque<(u64, AuditEvent)>,
    next_seq: u64,
    capacity: usize,
}

impl MemorySpool {
    pub fn new(capacity: usize, first_seq: u64) -> Self {
        Self {
            entries: VecDeque::new(),
            next_seq: first_seq.max(1),
            capacity,
        }
    }
}

impl AuditSpool for MemorySpool {
    fn push(&mut self, event: AuditEvent) -> Result<u64, AuditError> {
        if self.entries.len() >= self.capacity {
            return Err(AuditError::OutboxFull {
                capacity: self.capacity,
            });
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.entries.push_back((seq, event));
        Ok(seq)
    }

    fn ack_through(&mut self, seq: u64) -> Result<(), AuditError> {
        while self.entries.front().is_some_and(|(first, _)| *first <= seq) {
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
    use livespot_domain::{AuditEventType, CorrelationIds, ProcessRole};

    use super::*;

    fn event() -> AuditEvent {
        AuditEvent::new(
            AuditEventType::Fill,
            1_764_000_000_000,
            ProcessRole::Executor,
            CorrelationIds::default(),
        )
    }

    #[test]
    fn acks_remove_everything_through_the_acked_seq_and_capacity_bounds_memory() {
        let mut spool = MemorySpool::new(3, 10);
        assert_eq!(spool.push(event()).unwrap(), 10);
        assert_eq!(spool.push(event()).unwrap(), 11);
        assert_eq!(spool.push(event()).unwrap(), 12);
        assert_eq!(
            spool.push(event()).unwrap_err().reason_code(),
            "AUDIT_OUTBOX_FULL"
        );
        assert_eq!(spool.unacked_after(10, 10).unwrap().len(), 2);
        spool.ack_through(11).unwrap();
        assert_eq!(spool.pending(), 1);
        assert_eq!(spool.unacked_after(0, 10).unwrap()[0].0, 12);
    }
}
