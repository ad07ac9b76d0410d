use serde_json::Value;

pub const REDACTED: &str = "[REDACTED]";

const SENSITIVE_KEY_PARTS: [&str; 8] = [
    "secret",
    "password",
    "token",
    "api_key",
    "apikey",
    "prompt",
    "raw_answer",
    "private",
];

const SENSITIVE_EXACT_KEYS: [&str; 4] = ["mac", "signature", "key", "authorization"];

fn is_sensitive(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    if lower.ends_with("_hash") {
        return false;
    }
    SENSITIVE_EXACT_KEYS.contains(&lower.as_str())
        || SENSITIVE_KEY_PARTS.iter().any(|part| lower.contains(part))
}

pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if is_sensitive(key) {
                    *inner = Value::String(REDACTED.to_owned());
                } else {
                    redact(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

pub fn redacted_payload(payload_json: &str) -> Value {
    match serde_json::from_str::<Value>(payload_json) {
        Ok(mut value) => {
            redact(&mut value);
            value
        }
        Err(_) => Value::String(REDACTED.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_prompt_text_are_replaced_but_hashes_kept() {
        let value = redacted_payload(
            r#"{"api_secret":"s3cr3t","nested":[{"prompt_text":"hello","prompt_hash":"ab"}],"mac":"ff","symbol":"BTCUSDT"}"#,
        );
        let text = value.to_string();
        assert!(!text.contains("s3cr3t"));
        assert!(!text.contains("hello"));
        assert!(!text.contains("\"ff\""));
        assert!(text.contains("\"prompt_hash\":\"ab\""));
        assert!(text.contains("BTCUSDT"));
    }

    #[test]
    fn unparseable_payload_is_not_copied_to_the_trail() {
        assert_eq!(
            redacted_payload("raw secret text"),
            Value::String(REDACTED.to_owned())
        );
    }
}
