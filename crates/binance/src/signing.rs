use crate::secret::ApiSecret;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub const API_KEY_HEADER: &str = "X-MBX-APIKEY";

pub fn hmac_sha256_hex(secret: &ApiSecret, payload: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.expose_bytes()) else {
        return String::new();
    };
    mac.update(payload.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push_str(&hex::encode_upper([byte]));
        }
    }
    out
}

pub fn encode_params(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    pub query: String,
    pub body: String,
}

pub fn sign_rest(secret: &ApiSecret, query: &str, body: &str) -> SignedRequest {
    let payload = format!("{query}{body}");
    let signature = hmac_sha256_hex(secret, &payload);
    if body.is_empty() {
        SignedRequest {
            query: append_param(query, "signature", &signature),
            body: String::new(),
        }
    } else {
        SignedRequest {
            query: query.to_owned(),
            body: append_param(body, "signature", &signature),
        }
    }
}

fn append_param(existing: &str, key: &str, value: &str) -> String {
    if existing.is_empty() {
        format!("{key}={value}")
    } else {
        format!("{existing}&{key}={value}")
    }
}

pub fn ws_api_payload(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> =
        params.iter().filter(|(k, _)| k != "signature").collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn sign_ws_api(secret: &ApiSecret, params: &[(String, String)]) -> String {
    hmac_sha256_hex(secret, &ws_api_payload(params))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    fn pairs(raw: &str) -> Vec<(String, String)> {
        raw.split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn percent_encoding_of_non_ascii_symbol_matches_binance() {
        assert_eq!(
            percent_encode("１２３４５６"),
            "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96"
        );
        assert_eq!(percent_encode("0.1"), "0.1");
        assert_eq!(percent_encode("[\"A\",\"B\"]"), "%5B%22A%22%2C%22B%22%5D");
    }

    #[test]
    fn signature_goes_last_in_the_query_when_there_is_no_body() {
        let signed = sign_rest(&ApiSecret::new(SECRET), "a=1&b=2", "");
        assert!(signed.query.starts_with("a=1&b=2&signature="));
        assert!(signed.body.is_empty());
    }

    #[test]
    fn signature_goes_last_in_the_body_when_there_is_a_body() {
        let signed = sign_rest(&ApiSecret::new(SECRET), "a=1", "b=2");
        assert_eq!(signed.query, "a=1");
        assert!(signed.body.starts_with("b=2&signature="));
    }

    #[test]
    fn ws_payload_sorts_and_drops_signature() {
        let payload = ws_api_payload(&pairs("timestamp=5&apiKey=k&signature=x"));
        assert_eq!(payload, "apiKey=k&timestamp=5");
    }
}
