use serde_json::Value;

#[derive(Debug)]
pub struct PayloadFields(Option<Value>);

impl PayloadFields {
    pub fn parse(payload_json: &str) -> Self {
        Self(serde_json::from_str(payload_json).ok())
    }

    pub fn value(&self) -> Option<&Value> {
        self.0.as_ref()
    }

    pub fn text(&self, keys: &[&str]) -> Option<String> {
        let value = self.0.as_ref()?;
        keys.iter().find_map(|key| render(lookup(value, key)?))
    }

    pub fn integer(&self, keys: &[&str]) -> Option<i64> {
        let value = self.0.as_ref()?;
        keys.iter().find_map(|key| match lookup(value, key)? {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.parse().ok(),
            Value::Bool(flag) => Some(i64::from(*flag)),
            _ => None,
        })
    }
}

fn lookup<'a>(value: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted
        .split('.')
        .try_fold(value, |current, part| current.get(part))
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

    #[test]
    fn fields_are_found_by_first_matching_key_and_path() {
        let fields = PayloadFields::parse(
            r#"{"symbol":"BTCUSDT","intent":{"side":"BUY"},"approved":true,"qty":"0.5","kind":{"MakerFirst":{"ttl_ms":5}}}"#,
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
        let fields = PayloadFields::parse("not json");
        assert_eq!(fields.text(&["symbol"]), None);
        assert_eq!(fields.integer(&["lag_ms"]), None);
    }
}
