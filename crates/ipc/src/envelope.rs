use livespot_domain::{ContractViolation, CorrelationIds, ProcessRole, Validate};
use serde::{Deserialize, Serialize};

use crate::error::IpcError;
use crate::frame::{decode_body, encode_body};
use crate::payload::Payload;

pub const PROTOCOL_VERSION: u16 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub protocol_version: u16,
    pub sender: ProcessRole,
    pub seq: u64,
    pub ts_ms: i64,
    pub correlation: CorrelationIds,
    pub payload: Payload,
}

impl Envelope {
    pub fn new(
        sender: ProcessRole,
        seq: u64,
        ts_ms: i64,
        correlation: CorrelationIds,
        payload: Payload,
    ) -> Self {
        Self {
            protocol_version: PROTOCOL_VERSION,
            sender,
            seq,
            ts_ms,
            correlation,
            payload,
        }
    }

    pub fn encode(&self) -> Result<Vec<u8>, IpcError> {
        encode_body(self)
    }

    pub fn decode(body: &[u8]) -> Result<Self, IpcError> {
        let (received, _) =
            bincode::serde::decode_from_slice::<u16, _>(body, bincode::config::standard())
                .map_err(|error| IpcError::DecodeFailed(error.to_string()))?;
        if received != PROTOCOL_VERSION {
            return Err(IpcError::BadVersion {
                received,
                supported: PROTOCOL_VERSION,
            });
        }
        decode_body(body)
    }
}

impl Validate for Envelope {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.payload.validate()
    }
}

pub fn system_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}
