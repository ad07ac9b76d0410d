use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::api_error::ApiError;
use crate::num::parse_decimal;

#[derive(Debug, Clone, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
    pub signature: Option<String>,
    pub payload: String,
}

fn hex_value(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

pub fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let high = hex_value(*bytes.get(index + 1)?)?;
                let low = hex_value(*bytes.get(index + 2)?)?;
                out.push(high * 16 + low);
                index += 3;
            }
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            other => {
                out.push(other);
                index += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

struct Part {
    values: BTreeMap<String, String>,
    signature: Option<String>,
    signed_text: String,
}

fn parse_part(raw: &str) -> Result<Part, ApiError> {
    let mut part = Part {
        values: BTreeMap::new(),
        signature: None,
        signed_text: String::new(),
    };
    let mut kept: Vec<&str> = Vec::new();
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(key)
            .ok_or_else(|| ApiError::bad(-1100, "Illegal characters found in a parameter."))?;
        let value = percent_decode(value).ok_or_else(|| {
            ApiError::bad(
                -1100,
                format!("Illegal characters found in parameter '{key}'."),
            )
        })?;
        if key == "signature" {
            part.signature = Some(value);
            continue;
        }
        if part.values.insert(key, value).is_some() {
            return Err(ApiError::bad(
                -1101,
                "Duplicate values for a parameter detected.",
            ));
        }
        kept.push(pair);
    }
    part.signed_text = kept.join("&");
    Ok(part)
}

impl Params {
    pub fn parse(query: &str, body: &str) -> Result<Self, ApiError> {
        let query_part = parse_part(query)?;
        let body_part = parse_part(body)?;
        let mut values = body_part.values;
        values.extend(query_part.values);
        Ok(Self {
            values,
            signature: query_part.signature.or(body_part.signature),
            payload: format!("{}{}", query_part.signed_text, body_part.signed_text),
        })
    }

    pub fn from_ws(map: &serde_json::Map<String, serde_json::Value>) -> Self {
        let text = |value: &serde_json::Value| {
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned)
        };
        Self {
            values: map
                .iter()
                .filter(|(k, _)| k.as_str() != "signature")
                .map(|(k, v)| (k.clone(), text(v)))
                .collect(),
            signature: map.get("signature").map(text),
            payload: crate::signing::ws_payload(map),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    pub fn require(&self, key: &str) -> Result<&str, ApiError> {
        self.get(key)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| ApiError::mandatory(key))
    }

    pub fn decimal(&self, key: &str) -> Result<Option<Decimal>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(text) => parse_decimal(text)
                .map(Some)
                .ok_or_else(|| ApiError::illegal(key)),
        }
    }

    pub fn int<T: std::str::FromStr>(&self, key: &str) -> Result<Option<T>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(text) => text
                .parse::<T>()
                .map(Some)
                .map_err(|_| ApiError::bad(-1100, format!("Illegal characters found in parameter '{key}'; legal range is '^[0-9]{{1,20}}$'."))),
        }
    }

    pub fn bool_flag(&self, key: &str) -> bool {
        self.get(key)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_is_query_then_body_without_signature() {
        let params = Params::parse("symbol=LTCBTC&side=BUY", "quantity=1&signature=abc").unwrap();
        assert_eq!(params.payload, "symbol=LTCBTC&side=BUYquantity=1");
        assert_eq!(params.signature.as_deref(), Some("abc"));
        assert_eq!(params.get("quantity"), Some("1"));
    }

    #[test]
    fn query_wins_over_body_and_duplicates_in_one_part_fail() {
        let params = Params::parse("price=2", "price=1").unwrap();
        assert_eq!(params.get("price"), Some("2"));
        assert_eq!(Params::parse("a=1&a=2", "").unwrap_err().code, -1101);
    }

    #[test]
    fn values_are_percent_decoded() {
        let params = Params::parse("symbol=%EF%BC%91&x=a+b", "").unwrap();
        assert_eq!(params.get("symbol"), Some("１"));
        assert_eq!(params.get("x"), Some("a b"));
        assert!(params.payload.contains("%EF%BC%91"));
    }
}
