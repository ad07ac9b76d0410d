use livespot_audit::panel_queries::JsonRow;
use serde_json::Value;

pub fn text(row: &JsonRow, key: &str) -> Option<String> {
    row.get(key).and_then(Value::as_str).map(str::to_owned)
}

pub fn int(row: &JsonRow, key: &str) -> Option<i64> {
    row.get(key).and_then(Value::as_i64)
}

pub fn payload_field<'a>(row: &'a JsonRow, keys: &[&str]) -> Option<&'a Value> {
    let payload = row.get("payload")?;
    keys.iter().find_map(|key| payload.get(key))
}

pub fn payload_text(row: &JsonRow, keys: &[&str]) -> Option<String> {
    payload_field(row, keys).and_then(|value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    })
}

pub fn payload_int(row: &JsonRow, keys: &[&str]) -> Option<i64> {
    payload_field(row, keys).and_then(|value| {
        value
            .as_i64()
            .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
    })
}

pub fn reason_codes(row: &JsonRow) -> Vec<String> {
    row.get("reason_codes")
        .and_then(Value::as_array)
        .map(|codes| {
            codes
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
