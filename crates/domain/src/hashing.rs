use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{ContractViolation, ReasonCode};

pub fn canonical_json<T: Serialize + ?Sized>(value: &T) -> Result<String, ContractViolation> {
    let tree = serde_json::to_value(value).map_err(|error| {
        ContractViolation::new(
            ReasonCode::ContractCanonicalFailed,
            "canonical_json",
            error.to_string(),
        )
    })?;
    let mut out = String::new();
    write_canonical(&tree, &mut out);
    Ok(out)
}

pub fn canonical_json_text(json: &str) -> Result<String, ContractViolation> {
    let tree: Value = serde_json::from_str(json).map_err(|error| {
        ContractViolation::new(
            ReasonCode::ContractPayloadNotJson,
            "canonical_json_text",
            error.to_string(),
        )
    })?;
    let mut out = String::new();
    write_canonical(&tree, &mut out);
    Ok(out)
}

pub fn canonical_hash<T: Serialize + ?Sized>(value: &T) -> Result<String, ContractViolation> {
    canonical_json(value).map(|text| sha256_hex(text.as_bytes()))
}

pub fn input_hash<T: Serialize + ?Sized>(input: &T) -> Result<String, ContractViolation> {
    canonical_hash(input)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|left, right| left.0.cmp(right.0));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_and_whitespace_do_not_change_the_hash() {
        let compact = canonical_json_text(r#"{"b":1,"a":{"y":[1,2],"x":"s"}}"#).unwrap();
        let spaced =
            canonical_json_text("{ \"a\" : { \"x\" : \"s\", \"y\" : [ 1, 2 ] },\n \"b\" : 1 }")
                .unwrap();
        assert_eq!(compact, spaced);
        assert_eq!(compact, r#"{"a":{"x":"s","y":[1,2]},"b":1}"#);
    }

    #[test]
    fn array_order_and_values_do_change_the_hash() {
        let first = canonical_json_text("[1,2]").unwrap();
        let second = canonical_json_text("[2,1]").unwrap();
        assert_ne!(sha256_hex(first.as_bytes()), sha256_hex(second.as_bytes()));
    }

    #[test]
    fn strings_are_escaped() {
        let text = canonical_json(&serde_json::json!({"k": "quote\" and \\ and \n"})).unwrap();
        assert_eq!(text, r#"{"k":"quote\" and \\ and \n"}"#);
    }

    #[test]
    fn sha256_matches_the_published_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_sha256_hex(&sha256_hex(b"")));
        assert!(!is_sha256_hex("ABC"));
    }

    #[test]
    fn non_json_text_is_refused_with_a_reason() {
        assert_eq!(
            canonical_json_text("{not json").unwrap_err().reason,
            ReasonCode::ContractPayloadNotJson
        );
    }

    #[test]
    fn maps_with_non_string_keys_are_refused() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(vec![1_u8], 1_u8);
        assert_eq!(
            canonical_json(&map).unwrap_err().reason,
            ReasonCode::ContractCanonicalFailed
        );
    }
}
