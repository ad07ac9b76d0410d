use std::ops::Range;
use std::sync::Arc;

use rusqlite::types::Value as SqlValue;

use crate::payload::{PayloadFields, TextValue};
use crate::projection_spec::{
    ALERT_CODE_KEYS, Column, INTENT_STATE_KEYS, SPECS, payload_key_wanted, specs_for,
};
use crate::record::{EventRecord, chained_hash_of};
use crate::redact::redacted_payload;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Derived {
    Value(SqlValue),
    PayloadText(Range<usize>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreparedEvent {
    pub record: EventRecord,
    canonical: Arc<[u8]>,
    pub(crate) derived: Vec<Derived>,
    pub(crate) trail_payload: Option<String>,
}

impl PreparedEvent {
    pub fn prepare(record: EventRecord) -> Self {
        let canonical = Arc::from(record.canonical_bytes());
        let specs = specs_for(&record.event_type);
        let wanted = |key: &str| payload_key_wanted(specs, key);
        let fields = PayloadFields::parse(&record.payload_json, &wanted);
        let trail_payload = trail_rewrite(&record.payload_json, &fields);
        let derived = derived_values(&record, &fields, trail_payload.as_deref());
        drop(fields);
        Self {
            record,
            canonical,
            derived,
            trail_payload,
        }
    }

    pub fn chained_hash(&self, prev_hash: &str) -> String {
        chained_hash_of(prev_hash, &self.canonical)
    }

    pub(crate) fn shared_canonical(&self) -> Arc<[u8]> {
        Arc::clone(&self.canonical)
    }

    pub(crate) fn payload_text(&self, range: &Range<usize>) -> Option<&str> {
        self.record.payload_json.get(range.clone())
    }
}

fn span_in(payload: &str, part: &str) -> Option<Range<usize>> {
    let start = part.as_ptr().addr().checked_sub(payload.as_ptr().addr())?;
    let range = start..start.checked_add(part.len())?;
    let inside = payload.get(range.clone())?;
    (inside.as_ptr() == part.as_ptr()).then_some(range)
}

fn payload_text(payload: &str, text: TextValue<'_>) -> Derived {
    match text {
        TextValue::Borrowed(part) => span_in(payload, part).map_or_else(
            || Derived::Value(SqlValue::Text(part.to_owned())),
            Derived::PayloadText,
        ),
        TextValue::Owned(owned) => Derived::Value(SqlValue::Text(owned)),
    }
}

fn derived_columns(event_type: &str) -> impl Iterator<Item = &'static Column> {
    specs_for(event_type)
        .iter()
        .flat_map(|index| SPECS[*index].columns.iter())
        .filter(|column| column.is_derived())
}

fn trail_rewrite(payload_json: &str, fields: &PayloadFields<'_>) -> Option<String> {
    if fields.is_json() && !fields.has_sensitive_key() && !payload_json.contains(['\n', '\r']) {
        return None;
    }
    Some(redacted_payload(payload_json).to_string())
}

fn derived_values(
    record: &EventRecord,
    fields: &PayloadFields<'_>,
    trail_payload: Option<&str>,
) -> Vec<Derived> {
    derived_columns(&record.event_type)
        .map(|column| match (column, trail_payload) {
            (Column::RedactedPayload, Some(rewritten)) => {
                Derived::Value(SqlValue::Text(rewritten.to_owned()))
            }
            (Column::RedactedPayload, None) => Derived::PayloadText(0..record.payload_json.len()),
            (Column::Text(keys), _) => fields
                .text_value(keys)
                .map_or(Derived::Value(SqlValue::Null), |text| {
                    payload_text(&record.payload_json, text)
                }),
            _ => Derived::Value(derived_value(*column, record, fields)),
        })
        .collect()
}

fn text(value: Option<String>) -> SqlValue {
    value.map_or(SqlValue::Null, SqlValue::Text)
}

fn derived_value(column: Column, record: &EventRecord, fields: &PayloadFields<'_>) -> SqlValue {
    match column {
        Column::Text(keys) => text(fields.text(keys)),
        Column::Integer(keys) => fields
            .integer(keys)
            .map_or(SqlValue::Null, SqlValue::Integer),
        Column::AlertCode => SqlValue::Text(
            fields
                .text(ALERT_CODE_KEYS)
                .or_else(|| record.reason_codes.first().cloned())
                .unwrap_or_else(|| record.event_type.clone()),
        ),
        Column::AlertRaised => SqlValue::Integer(i64::from(record.event_type == "ALERT_RAISED")),
        Column::IntentState if record.event_type == "INTENT_REFUSED" => SqlValue::Text(
            fields
                .text(&["state"])
                .unwrap_or_else(|| "REFUSED".to_owned()),
        ),
        Column::IntentState => text(fields.text(INTENT_STATE_KEYS)),
        _ => SqlValue::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{GENESIS_HASH, sample_record};

    #[test]
    fn prepared_hash_equals_the_record_chain_hash() {
        let mut record = sample_record("strategy", 7, "DECISION");
        record.payload_json = r#"{"symbol":"BTCUSDT","side":"BUY"}"#.to_owned();
        let prepared = PreparedEvent::prepare(record.clone());
        assert_eq!(
            prepared.chained_hash(GENESIS_HASH),
            record.chained_hash(GENESIS_HASH)
        );
        let texts: Vec<Option<&str>> = prepared
            .derived
            .iter()
            .map(|derived| match derived {
                Derived::PayloadText(range) => prepared.payload_text(range),
                Derived::Value(SqlValue::Text(text)) => Some(text.as_str()),
                Derived::Value(_) => None,
            })
            .collect();
        assert_eq!(texts, vec![Some("BTCUSDT"), Some("BUY"), None]);
        assert!(matches!(prepared.derived[0], Derived::PayloadText(_)));
        assert_eq!(prepared.trail_payload, None);
    }

    #[test]
    fn escaped_or_rendered_texts_are_owned_and_plain_texts_point_into_the_payload() {
        let mut record = sample_record("strategy", 7, "DECISION");
        record.payload_json = r#"{"symbol":"BTC\"USDT","side":"BUY","hash":12}"#.to_owned();
        let buy = record.payload_json.find("BUY").unwrap();
        let prepared = PreparedEvent::prepare(record);
        assert_eq!(
            prepared.derived,
            vec![
                Derived::Value(SqlValue::Text("BTC\"USDT".to_owned())),
                Derived::PayloadText(buy..buy + 3),
                Derived::Value(SqlValue::Text("12".to_owned())),
            ]
        );
        assert_eq!(prepared.payload_text(&(buy..buy + 3)), Some("BUY"));
        assert_eq!(span_in("abc", "abc"), Some(0..3));
        assert_eq!(span_in("abc", "b"), None);
    }

    #[test]
    fn sensitive_or_unparseable_payloads_are_rewritten_for_the_trail() {
        let mut record = sample_record("strategy", 1, "UNKNOWN");
        record.payload_json = r#"{"api_secret":"s3cr3t"}"#.to_owned();
        let rewritten = PreparedEvent::prepare(record.clone()).trail_payload;
        assert!(rewritten.is_some_and(|text| !text.contains("s3cr3t")));
        record.payload_json = "not json".to_owned();
        assert!(PreparedEvent::prepare(record).trail_payload.is_some());
    }
}
