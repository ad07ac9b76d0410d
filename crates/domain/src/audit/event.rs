use serde::{Deserialize, Serialize};

use crate::hashing::canonical_json;
use crate::violation::require;
use crate::{AuditEventType, ContractViolation, CorrelationIds, ProcessRole, ReasonCode, Validate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub event_type: AuditEventType,
    pub ts_ms: i64,
    pub source: ProcessRole,
    pub correlation: CorrelationIds,
    pub reason_codes: Vec<ReasonCode>,
    pub payload_json: String,
}

impl AuditEvent {
    pub fn new(
        event_type: AuditEventType,
        ts_ms: i64,
        source: ProcessRole,
        correlation: CorrelationIds,
    ) -> Self {
        Self {
            event_type,
            ts_ms,
            source,
            correlation,
            reason_codes: Vec::new(),
            payload_json: "{}".to_owned(),
        }
    }

    #[must_use]
    pub fn with_reasons(mut self, reason_codes: Vec<ReasonCode>) -> Self {
        self.reason_codes = reason_codes;
        self
    }

    pub fn with_payload<T: Serialize + ?Sized>(
        mut self,
        payload: &T,
    ) -> Result<Self, ContractViolation> {
        self.payload_json = canonical_json(payload)?;
        Ok(self)
    }
}

impl Validate for AuditEvent {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "ts_ms",
            || format!("{} is not a positive epoch millisecond", self.ts_ms),
        )?;
        let needs_reason = self.event_type.requires_reason_codes();
        require(
            !needs_reason || !self.reason_codes.is_empty(),
            ReasonCode::ContractReasonMissing,
            "reason_codes",
            || format!("{} needs at least one reason code", self.event_type),
        )?;
        serde_json::from_str::<serde::de::IgnoredAny>(&self.payload_json)
            .map(drop)
            .map_err(|error| {
                ContractViolation::new(
                    ReasonCode::ContractPayloadNotJson,
                    "payload_json",
                    error.to_string(),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RunId;

    fn valid() -> AuditEvent {
        AuditEvent::new(
            AuditEventType::AlertRaised,
            1_764_000_000_000,
            ProcessRole::Marketdata,
            CorrelationIds::for_run(RunId::new("run1").unwrap()),
        )
        .with_reasons(vec![ReasonCode::WsStaleDegrade])
        .with_payload(&serde_json::json!({"stream": "btcusdt@depth", "age_ms": 5000}))
        .unwrap()
    }

    fn reason_of(event: &AuditEvent) -> ReasonCode {
        event.validate().unwrap_err().reason
    }

    #[test]
    fn valid_event_passes_and_round_trips() {
        let event = valid();
        assert_eq!(event.validate(), Ok(()));
        assert_eq!(
            event.payload_json,
            r#"{"age_ms":5000,"stream":"btcusdt@depth"}"#
        );
        let json = serde_json::to_string(&event).unwrap();
        assert!(json.contains("\"event_type\":\"ALERT_RAISED\""));
        assert_eq!(serde_json::from_str::<AuditEvent>(&json).unwrap(), event);
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(&event, config).unwrap();
        let (back, _): (AuditEvent, usize) =
            bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(back, event);
    }

    #[test]
    fn non_positive_timestamp_is_refused() {
        let mut event = valid();
        event.ts_ms = 0;
        assert_eq!(reason_of(&event), ReasonCode::ContractTimestampInvalid);
    }

    #[test]
    fn alert_without_reason_is_refused() {
        let mut event = valid();
        event.reason_codes.clear();
        assert_eq!(reason_of(&event), ReasonCode::ContractReasonMissing);
        event.event_type = AuditEventType::Fill;
        assert_eq!(event.validate(), Ok(()));
    }

    #[test]
    fn payload_must_be_json() {
        let mut event = valid();
        event.payload_json = "not json".to_owned();
        assert_eq!(reason_of(&event), ReasonCode::ContractPayloadNotJson);
    }

    #[test]
    fn unknown_event_type_is_refused_by_the_decoder() {
        let json = serde_json::to_string(&valid())
            .unwrap()
            .replace("ALERT_RAISED", "ALERT_SHOUTED");
        assert!(serde_json::from_str::<AuditEvent>(&json).is_err());
        for event_type in AuditEventType::ALL {
            assert_eq!(
                event_type.as_str().parse::<AuditEventType>(),
                Ok(*event_type)
            );
        }
    }
}
