use livespot_domain::{AuditEvent, CorrelationIds, ProcessRole};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::canonical::write_canonical;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventIds {
    pub run_id: Option<String>,
    pub cycle_id: Option<String>,
    pub snapshot_id: Option<String>,
    pub decision_id: Option<String>,
    pub order_intent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub sender: String,
    pub seq: u64,
    pub event_type: String,
    pub ts_ms: i64,
    pub source: String,
    pub ids: EventIds,
    pub reason_codes: Vec<String>,
    pub payload_json: String,
}

const CANONICAL_KEYS_NUMBERS_AND_PUNCTUATION_BYTES: usize = 256;

#[derive(Serialize)]
struct CanonicalEvent<'a> {
    cycle_id: Option<&'a str>,
    decision_id: Option<&'a str>,
    event_type: &'a str,
    order_intent_id: Option<&'a str>,
    payload_json: &'a str,
    reason_codes: &'a [String],
    run_id: Option<&'a str>,
    sender: &'a str,
    seq: u64,
    snapshot_id: Option<&'a str>,
    source: &'a str,
    ts_ms: i64,
}

impl EventIds {
    pub fn from_correlation(correlation: &CorrelationIds) -> Self {
        Self {
            run_id: correlation.run_id.as_ref().map(|id| id.as_str().to_owned()),
            cycle_id: correlation
                .cycle_id
                .as_ref()
                .map(|id| id.as_str().to_owned()),
            snapshot_id: correlation
                .snapshot_id
                .as_ref()
                .map(|id| id.as_str().to_owned()),
            decision_id: correlation
                .decision_id
                .as_ref()
                .map(|id| id.as_str().to_owned()),
            order_intent_id: correlation
                .order_intent_id
                .as_ref()
                .map(|id| id.as_str().to_owned()),
        }
    }
}

impl EventRecord {
    pub fn from_event(sender: ProcessRole, seq: u64, event: &AuditEvent) -> Self {
        Self {
            sender: sender.as_str().to_owned(),
            seq,
            event_type: event.event_type.as_str().to_owned(),
            ts_ms: event.ts_ms,
            source: event.source.as_str().to_owned(),
            ids: EventIds::from_correlation(&event.correlation),
            reason_codes: event
                .reason_codes
                .iter()
                .map(|code| code.as_str().to_owned())
                .collect(),
            payload_json: event.payload_json.clone(),
        }
    }

    pub fn from_owned_event(sender: ProcessRole, seq: u64, event: AuditEvent) -> Self {
        let correlation = event.correlation;
        Self {
            sender: sender.as_str().to_owned(),
            seq,
            event_type: event.event_type.as_str().to_owned(),
            ts_ms: event.ts_ms,
            source: event.source.as_str().to_owned(),
            ids: EventIds {
                run_id: correlation.run_id.map(String::from),
                cycle_id: correlation.cycle_id.map(String::from),
                snapshot_id: correlation.snapshot_id.map(String::from),
                decision_id: correlation.decision_id.map(String::from),
                order_intent_id: correlation.order_intent_id.map(String::from),
            },
            reason_codes: event
                .reason_codes
                .iter()
                .map(|code| code.as_str().to_owned())
                .collect(),
            payload_json: event.payload_json,
        }
    }

    fn canonical(&self) -> CanonicalEvent<'_> {
        CanonicalEvent {
            cycle_id: self.ids.cycle_id.as_deref(),
            decision_id: self.ids.decision_id.as_deref(),
            event_type: &self.event_type,
            order_intent_id: self.ids.order_intent_id.as_deref(),
            payload_json: &self.payload_json,
            reason_codes: &self.reason_codes,
            run_id: self.ids.run_id.as_deref(),
            sender: &self.sender,
            seq: self.seq,
            snapshot_id: self.ids.snapshot_id.as_deref(),
            source: &self.source,
            ts_ms: self.ts_ms,
        }
    }

    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.canonical_capacity());
        write_canonical(&mut bytes, self);
        bytes
    }

    fn canonical_capacity(&self) -> usize {
        let ids = &self.ids;
        let id_bytes = [
            &ids.run_id,
            &ids.cycle_id,
            &ids.snapshot_id,
            &ids.decision_id,
            &ids.order_intent_id,
        ]
        .iter()
        .map(|id| id.as_ref().map_or(0, String::len))
        .sum::<usize>();
        let reason_bytes = self
            .reason_codes
            .iter()
            .map(|code| code.len() + 3)
            .sum::<usize>();
        CANONICAL_KEYS_NUMBERS_AND_PUNCTUATION_BYTES
            + self.payload_json.len() * 5 / 4
            + id_bytes
            + reason_bytes
            + self.sender.len()
            + self.source.len()
            + self.event_type.len()
    }

    pub fn canonical_json(&self) -> String {
        serde_json::to_string(&self.canonical()).unwrap_or_default()
    }

    pub fn chained_hash(&self, prev_hash: &str) -> String {
        chained_hash_of(prev_hash, &self.canonical_bytes())
    }

    pub fn reason_codes_joined(&self) -> String {
        self.reason_codes.join(",")
    }
}

pub(crate) fn chained_hash_of(prev_hash: &str, canonical: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical);
    let digest = hasher.finalize();
    let mut hex_text = [0_u8; 64];
    if hex::encode_to_slice(digest, &mut hex_text).is_err() {
        return hex::encode(digest);
    }
    std::str::from_utf8(&hex_text).map_or_else(|_| hex::encode(digest), str::to_owned)
}

pub fn split_reason_codes(joined: &str) -> Vec<String> {
    if joined.is_empty() {
        return Vec::new();
    }
    joined.split(',').map(str::to_owned).collect()
}

#[cfg(test)]
pub(crate) fn sample_record(sender: &str, seq: u64, event_type: &str) -> EventRecord {
    EventRecord {
        sender: sender.to_owned(),
        seq,
        event_type: event_type.to_owned(),
        ts_ms: 1_764_000_000_000 + i64::try_from(seq).unwrap(),
        source: sender.to_owned(),
        ids: EventIds {
            run_id: Some("run-1".to_owned()),
            cycle_id: Some(format!("cycle-{}", seq / 10)),
            snapshot_id: None,
            decision_id: Some(format!("dec-{seq}")),
            order_intent_id: None,
        },
        reason_codes: Vec::new(),
        payload_json: "{}".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_depends_on_previous_hash_and_every_field() {
        let record = sample_record("strategy", 1, "DECISION");
        let base = record.chained_hash(GENESIS_HASH);
        assert_eq!(base.len(), 64);
        let mut expected = Sha256::new();
        expected.update(GENESIS_HASH.as_bytes());
        expected.update(record.canonical_json().as_bytes());
        assert_eq!(base, hex::encode(expected.finalize()));
        assert_ne!(base, record.chained_hash(&base));
        let mut altered = record.clone();
        altered.payload_json = "{\"x\":1}".to_owned();
        assert_ne!(base, altered.chained_hash(GENESIS_HASH));
        let mut altered_ids = record;
        altered_ids.ids.order_intent_id = Some("oi-1".to_owned());
        assert_ne!(base, altered_ids.chained_hash(GENESIS_HASH));
    }

    #[test]
    fn owned_and_borrowed_conversions_give_the_same_record() {
        use livespot_domain::{
            AuditEventType, CycleId, DecisionId, OrderIntentId, ReasonCode, RunId, SnapshotId,
        };
        let correlation = CorrelationIds::for_run(RunId::new("run-1").unwrap())
            .with_cycle(CycleId::new("c-1").unwrap())
            .with_snapshot(SnapshotId::new("s-1").unwrap())
            .with_decision(DecisionId::new("d-1").unwrap())
            .with_order_intent(OrderIntentId::new("oi-1").unwrap());
        let event = AuditEvent::new(
            AuditEventType::RiskVerdict,
            1_764_000_000_000,
            ProcessRole::Risk,
            correlation,
        )
        .with_reasons(vec![ReasonCode::ContractPayloadNotJson]);
        let borrowed = EventRecord::from_event(ProcessRole::Risk, 9, &event);
        let owned = EventRecord::from_owned_event(ProcessRole::Risk, 9, event);
        assert_eq!(owned, borrowed);
        assert_eq!(
            owned.canonical_bytes(),
            borrowed.canonical_json().into_bytes()
        );
    }

    #[test]
    fn canonical_bytes_fit_the_first_allocation_for_typical_events() {
        let mut record = sample_record("marketdata", 1_000_000_000, "DECISION");
        record.seq = u64::MAX;
        record.ts_ms = i64::MIN;
        record.payload_json =
            r#"{"index":18446744073709551615,"score":7312,"side":"BUY","symbol":"BTCUSDT"}"#
                .to_owned();
        for reasons in [0, 3] {
            record.reason_codes = vec!["RISK_COOLDOWN".to_owned(); reasons];
            let bytes = record.canonical_bytes();
            assert_eq!(bytes.capacity(), record.canonical_capacity());
        }
    }

    #[test]
    fn reason_codes_round_trip_through_joined_column() {
        let mut record = sample_record("risk", 2, "RISK_VERDICT");
        record.reason_codes = vec!["RISK_COOLDOWN".to_owned(), "RISK_STALE_DATA".to_owned()];
        assert_eq!(
            split_reason_codes(&record.reason_codes_joined()),
            record.reason_codes
        );
        assert!(split_reason_codes("").is_empty());
    }
}
