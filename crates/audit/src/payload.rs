use std::borrow::Cow;

use serde_json::Value;

use crate::payload_scan::{Field, ScannedPayload, scan_payload};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextValue<'a> {
    Borrowed(&'a str),
    Owned(String),
}

#[derive(Debug, Clone, Copy)]
enum Found<'v> {
    Text(&'v str),
    Value(&'v Value),
}

#[derive(Debug)]
pub struct PayloadFields<'a>(Option<ScannedPayload<'a>>);

impl<'a> PayloadFields<'a> {
    pub fn parse(payload_json: &'a str, wanted: &dyn Fn(&str) -> bool) -> Self {
        Self(scan_payload(payload_json, wanted).ok())
    }

    pub fn is_json(&self) -> bool {
        self.0.is_some()
    }

    pub fn has_sensitive_key(&self) -> bool {
        self.0.as_ref().is_some_and(|scanned| scanned.sensitive)
    }

    pub fn text(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| match self.lookup(key)? {
            Found::Text(text) => Some(text.to_owned()),
            Found::Value(value) => render(value),
        })
    }

    pub fn text_value(&self, keys: &[&str]) -> Option<TextValue<'a>> {
        keys.iter().find_map(|key| {
            if let Some(text) = self.borrowed_text(key) {
                return Some(TextValue::Borrowed(text));
            }
            self.text(&[key]).map(TextValue::Owned)
        })
    }

    fn borrowed_text(&self, key: &str) -> Option<&'a str> {
        let scanned = self.0.as_ref()?;
        let (_, field) = scanned.wanted.iter().rev().find(|(name, _)| name == key)?;
        match field {
            Field::Text(Cow::Borrowed(text)) => Some(text),
            _ => None,
        }
    }

    pub fn integer(&self, keys: &[&str]) -> Option<i64> {
        keys.iter().find_map(|key| match self.lookup(key)? {
            Found::Text(text) => text.parse().ok(),
            Found::Value(Value::String(text)) => text.parse().ok(),
            Found::Value(Value::Number(number)) => number.as_i64(),
            Found::Value(Value::Bool(flag)) => Some(i64::from(*flag)),
            Found::Value(_) => None,
        })
    }

    fn lookup(&self, dotted: &str) -> Option<Found<'_>> {
        let scanned = self.0.as_ref()?;
        let mut parts = dotted.split('.');
        let first = parts.next()?;
        let (_, field) = scanned.wanted.iter().rev().find(|(key, _)| key == first)?;
        match field {
            Field::Text(text) if parts.next().is_none() => Some(Found::Text(text)),
            Field::Text(_) => None,
            Field::Other(value) => parts
                .try_fold(value, |current, part| current.get(part))
                .map(Found::Value),
        }
    }
}

pub fn first_segment(dotted: &str) -> &str {
    dotted.split('.').next().unwrap_or(dotted)
}

fn render(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => None,
        Value::Object(map) if map.len() == 1 => map.keys().next().cloned(),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::has_sensitive_key;

    fn every_key(_: &str) -> bool {
        true
    }

    fn value_text(value: &Value, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            render(
                key.split('.')
                    .try_fold(value, |current, part| current.get(part))?,
            )
        })
    }

    #[test]
    fn fields_are_found_by_first_matching_key_and_path() {
        let fields = PayloadFields::parse(
            r#"{"symbol":"BTCUSDT","intent":{"side":"BUY"},"approved":true,"qty":"0.5","kind":{"MakerFirst":{"ttl_ms":5}}}"#,
            &every_key,
        );
        assert_eq!(fields.text(&["sym", "symbol"]).as_deref(), Some("BTCUSDT"));
        assert_eq!(
            fields.text(&["side", "intent.side"]).as_deref(),
            Some("BUY")
        );
        assert_eq!(fields.integer(&["approved"]), Some(1));
        assert_eq!(fields.text(&["qty"]).as_deref(), Some("0.5"));
        assert_eq!(fields.text(&["kind"]).as_deref(), Some("MakerFirst"));
        assert_eq!(fields.text(&["missing"]), None);
    }

    #[test]
    fn unparseable_payload_yields_no_fields() {
        let fields = PayloadFields::parse("not json", &every_key);
        assert!(!fields.is_json());
        assert_eq!(fields.text(&["symbol"]), None);
        assert_eq!(fields.integer(&["lag_ms"]), None);
    }

    #[test]
    fn only_wanted_keys_are_kept_but_every_key_is_checked_for_secrets() {
        let payload = r#"{"symbol":"ETHUSDT","nested":[{"api_secret":"x"}],"side":"SELL"}"#;
        let fields = PayloadFields::parse(payload, &|key| key == "symbol");
        assert_eq!(fields.text(&["symbol"]).as_deref(), Some("ETHUSDT"));
        assert_eq!(fields.text(&["side"]), None);
        assert!(fields.has_sensitive_key());
        let plain = PayloadFields::parse(r#"{"symbol":"ETHUSDT","n":[1,{"k2":null}]}"#, &every_key);
        assert!(plain.is_json() && !plain.has_sensitive_key());
    }

    #[test]
    fn scan_agrees_with_a_full_value_parse() {
        let payloads = [
            r#"{"symbol":"BTCUSDT","side":"BUY","index":3,"score":7312}"#,
            r#"{"symbol":"A","symbol":"B","decision":{"side":"SELL","symbol":"C"}}"#,
            r#"{"state":{"Open":1},"to":["x"],"latency_ms":"12","approved":false}"#,
            r#"{"sym\u0062ol":"escaped key","price":1.5e3,"qty":-2,"big":18446744073709551615}"#,
            r#"[{"secret":"hidden"}]"#,
            r#"{"prompt_hash":"ab","prompt_version":"v1","Key":"k"}"#,
            r#"{"deep":{"deeper":{"token":"t"}},"symbol":null}"#,
            r#""just a string""#,
            "7",
            r#"{"x":1e400}"#,
            r#"{"x":"\ud800"}"#,
            r#"{"symbol":"BTC"} trailing"#,
        ];
        let keys: [&[&str]; 6] = [
            &["symbol", "decision.symbol"],
            &["side", "decision.side"],
            &["state", "to"],
            &["price", "qty", "big"],
            &["latency_ms", "approved"],
            &["symbol"],
        ];
        for payload in payloads {
            let fields = PayloadFields::parse(payload, &every_key);
            let value = serde_json::from_str::<Value>(payload).ok();
            assert_eq!(fields.is_json(), value.is_some(), "{payload}");
            let Some(value) = value else { continue };
            assert_eq!(
                fields.has_sensitive_key(),
                has_sensitive_key(&value),
                "{payload}"
            );
            for wanted in keys {
                assert_eq!(fields.text(wanted), value_text(&value, wanted), "{payload}");
            }
        }
    }
}
