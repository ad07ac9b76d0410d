use livespot_domain::{AuditEvent, ProcessRole};
use serde::{Deserialize, Serialize};

use crate::payload::{IntentUpdate, Payload};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DurableMessage {
    AuditEvent(AuditEvent),
    IntentUpdate(IntentUpdate),
}

impl DurableMessage {
    pub fn into_payload(self, seq: u64) -> Payload {
        match self {
            Self::AuditEvent(event) => Payload::AuditEvent { seq, event },
            Self::IntentUpdate(update) => Payload::IntentUpdate { seq, update },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    pub seq: u64,
    pub message: DurableMessage,
}

impl OutboxEntry {
    pub fn to_payload(&self) -> Payload {
        self.message.clone().into_payload(self.seq)
    }
}

pub fn ack_for_durable(sender: ProcessRole, payload: &Payload) -> Option<Payload> {
    match payload {
        Payload::AuditEvent { seq, .. } => Some(Payload::AuditAck { sender, seq: *seq }),
        Payload::IntentUpdate { seq, .. } => Some(Payload::IntentUpdateAck { sender, seq: *seq }),
        _ => None,
    }
}

pub fn acked_seq(own_role: ProcessRole, payload: &Payload) -> Option<u64> {
    match payload {
        Payload::AuditAck { sender, seq } | Payload::IntentUpdateAck { sender, seq }
            if *sender == own_role =>
        {
            Some(*seq)
        }
        _ => None,
    }
}

pub fn durable_seq(payload: &Payload) -> Option<u64> {
    match payload {
        Payload::AuditEvent { seq, .. } | Payload::IntentUpdate { seq, .. } => Some(*seq),
        _ => None,
    }
}
