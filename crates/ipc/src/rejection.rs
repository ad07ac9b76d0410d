use livespot_domain::{ProcessRole, ReasonCode};
use serde::{Deserialize, Serialize};

use crate::handshake::HandshakeFailure;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub listener: ProcessRole,
    pub claimed_role: Option<ProcessRole>,
    pub reason: ReasonCode,
    pub detail: String,
}

impl Rejection {
    pub(crate) fn from_failure(listener: ProcessRole, failure: &HandshakeFailure) -> Self {
        Self {
            listener,
            claimed_role: failure.claimed_role,
            reason: failure.error.reason_code(),
            detail: failure.error.to_string(),
        }
    }
}
