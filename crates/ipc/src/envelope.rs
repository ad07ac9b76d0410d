use livespot_domain::{
    ContractViolation, CorrelationIds, ProcessRole, ReasonCode, Validate, require,
};
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
        if let Payload::AuditEvent { event, .. } = &self.payload {
            require(
                event.source == self.sender,
                ReasonCode::ContractIdMismatch,
                "payload.event.source",
                || {
                    format!(
                        "audit event source {} sent by {}",
                        event.source.as_str(),
                        self.sender.as_str()
                    )
                },
            )?;
        }
        self.payload
            .validate()
            .map_err(|violation| violation.within("payload"))
    }
}

pub fn system_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use livespot_domain::{AuditEvent, AuditEventType};

    use super::*;

    fn audit_from(source: ProcessRole) -> Payload {
        Payload::AuditEvent {
            seq: 1,
            event: AuditEvent::new(
                AuditEventType::ProcessStarted,
                1_764_000_000_000,
                source,
                CorrelationIds::default(),
            ),
        }
    }

    #[test]
    fn audit_event_must_name_its_sender_as_source() {
        let honest = Envelope::new(
            ProcessRole::Risk,
            1,
            1,
            CorrelationIds::default(),
            audit_from(ProcessRole::Risk),
        );
        assert_eq!(honest.validate(), Ok(()));
        let forged = Envelope::new(
            ProcessRole::Risk,
            1,
            1,
            CorrelationIds::default(),
            audit_from(ProcessRole::Executor),
        );
        assert_eq!(
            forged.validate().unwrap_err().reason,
            ReasonCode::ContractIdMismatch
        );
    }

    #[test]
    fn opaque_json_payloads_must_be_json() {
        let bad = Envelope::new(
            ProcessRole::Marketdata,
            1,
            1,
            CorrelationIds::default(),
            Payload::MarketSnapshot {
                payload_json: "{not json".to_owned(),
            },
        );
        let violation = bad.validate().unwrap_err();
        assert_eq!(violation.reason, ReasonCode::ContractPayloadNotJson);
        assert_eq!(violation.field, "payload.payload_json");
    }

    #[test]
    fn mode_change_without_reasons_is_a_violation() {
        let bad = Envelope::new(
            ProcessRole::Launch,
            1,
            1,
            CorrelationIds::default(),
            Payload::ModeChanged {
                mode: livespot_domain::SysMode::Pause,
                reasons: vec![],
                since_ms: 1,
            },
        );
        assert_eq!(
            bad.validate().unwrap_err().reason,
            ReasonCode::ContractReasonMissing
        );
        let back_to_normal = Envelope::new(
            ProcessRole::Launch,
            2,
            1,
            CorrelationIds::default(),
            Payload::ModeChanged {
                mode: livespot_domain::SysMode::Normal,
                reasons: vec![],
                since_ms: 1,
            },
        );
        assert_eq!(back_to_normal.validate(), Ok(()));
    }
}
