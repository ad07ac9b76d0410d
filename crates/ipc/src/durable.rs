use livespot_domain::AuditEvent;
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
