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

const SENSITIVE_QUOTED_KEYS: [&str; 4] =
    ["\"mac\"", "\"signature\"", "\"key\"", "\"authorization\""];

const METADATA_KEY_SUFFIXES: [&str; 2] = ["_hash", "_version"];

fn ends_with_ignore_case(text: &[u8], suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn contains_ignore_case(text: &[u8], part: &str) -> bool {
    text.windows(part.len())
        .any(|window| window.eq_ignore_ascii_case(part.as_bytes()))
}

pub(crate) fn is_sensitive(key: &str) -> bool {
    let bytes = key.as_bytes();
    if METADATA_KEY_SUFFIXES
        .iter()
        .any(|suffix| ends_with_ignore_case(bytes, suffix))
    {
        return false;
    }
    SENSITIVE_EXACT_KEYS
        .iter()
        .any(|exact| key.eq_ignore_ascii_case(exact))
        || SENSITIVE_KEY_PARTS
            .iter()
            .any(|part| contains_ignore_case(bytes, part))
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

pub fn has_sensitive_key(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(key, inner)| is_sensitive(key) || has_sensitive_key(inner)),
        Value::Array(items) => items.iter().any(has_sensitive_key),
        _ => false,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrailPayload<'a> {
    Verbatim(&'a str),
    Rewritten(Value),
}

fn may_hold_sensitive_key(payload_json: &str) -> bool {
    let lower = payload_json.to_ascii_lowercase();
    SENSITIVE_KEY_PARTS.iter().any(|part| lower.contains(part))
        || SENSITIVE_QUOTED_KEYS
            .iter()
            .any(|quoted| lower.contains(quoted))
}

fn is_single_line_json(payload_json: &str) -> bool {
    !payload_json.contains(['\n', '\r'])
        && serde_json::from_str::<serde::de::IgnoredAny>(payload_json).is_ok()
}

pub fn trail_payload(payload_json: &str) -> TrailPayload<'_> {
    if !may_hold_sensitive_key(payload_json) && is_single_line_json(payload_json) {
        return TrailPayload::Verbatim(payload_json);
    }
    TrailPayload::Rewritten(redacted_payload(payload_json))
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
    fn prompt_metadata_is_kept_while_raw_prompt_text_is_hidden() {
        let value = redacted_payload(
            r#"{"prompt_version":"gate-v3","prompt_hash":"ab12","raw_prompt":"BUY BTC now?","prompt":"hello"}"#,
        );
        assert_eq!(value["prompt_version"], "gate-v3");
        assert_eq!(value["prompt_hash"], "ab12");
        assert_eq!(value["raw_prompt"], REDACTED);
        assert_eq!(value["prompt"], REDACTED);
        assert!(!has_sensitive_key(&value["prompt_version"]));
        let metadata_only: Value =
            serde_json::from_str(r#"{"prompt_version":"gate-v3","prompt_hash":"ab12"}"#).unwrap();
        assert!(!has_sensitive_key(&metadata_only));
    }

    #[test]
    fn payloads_without_sensitive_keys_are_copied_verbatim() {
        let plain = r#"{"symbol":"BTCUSDT","score":7312}"#;
        assert_eq!(trail_payload(plain), TrailPayload::Verbatim(plain));
        let secret = r#"{"symbol":"BTCUSDT","Api_Secret":"x"}"#;
        assert!(matches!(trail_payload(secret), TrailPayload::Rewritten(_)));
        let keyed = r#"{"key":"abc"}"#;
        assert!(matches!(trail_payload(keyed), TrailPayload::Rewritten(_)));
        let multi_line = "{\n\"symbol\": \"BTCUSDT\"\n}";
        assert!(matches!(
            trail_payload(multi_line),
            TrailPayload::Rewritten(_)
        ));
        assert!(matches!(
            trail_payload("not json"),
            TrailPayload::Rewritten(_)
        ));
    }

    #[test]
    fn key_matching_ignores_ascii_case_without_matching_metadata_suffixes() {
        for sensitive in [
            "API_SECRET",
            "Key",
            "rawPrompt",
            "x_Private_y",
            "Authorization",
        ] {
            assert!(is_sensitive(sensitive), "{sensitive}");
        }
        for plain in [
            "symbol",
            "keys",
            "mac_address",
            "Prompt_Hash",
            "PROMPT_VERSION",
            "k",
        ] {
            assert!(!is_sensitive(plain), "{plain}");
        }
    }

    #[test]
    fn quoted_exact_keys_match_the_exact_key_list() {
        for (exact, quoted) in SENSITIVE_EXACT_KEYS.iter().zip(SENSITIVE_QUOTED_KEYS) {
            assert_eq!(quoted, format!("\"{exact}\""));
        }
        let signed = r#"{"Signature":"abc"}"#;
        assert!(matches!(trail_payload(signed), TrailPayload::Rewritten(_)));
    }

    #[test]
    fn unparseable_payload_is_not_copied_to_the_trail() {
        assert_eq!(
            redacted_payload("raw secret text"),
            Value::String(REDACTED.to_owned())
        );
    }
}
