use serde::{Deserialize, Serialize};

use crate::ReasonCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{reason}: {from} -> {to} is not allowed")]
pub struct TransitionRejected {
    pub reason: ReasonCode,
    pub from: String,
    pub to: String,
}

impl TransitionRejected {
    pub fn new(reason: ReasonCode, from: &str, to: &str) -> Self {
        Self {
            reason,
            from: from.to_owned(),
            to: to.to_owned(),
        }
    }
}
