use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::api_error::ApiError;

type HmacSha256 = Hmac<Sha256>;

pub fn hmac_hex(secret: &str, payload: &str) -> String {
    match HmacSha256::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(payload.as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

pub fn verify(secret: &str, payload: &str, signature: Option<&str>) -> Result<(), ApiError> {
    let expected = hmac_hex(secret, payload);
    match signature {
        Some(given) if !expected.is_empty() && given.eq_ignore_ascii_case(&expected) => Ok(()),
        _ => Err(ApiError::bad(
            -1022,
            "Signature for this request is not valid.",
        )),
    }
}

pub fn ws_payload(params: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .filter(|(key, _)| key.as_str() != "signature")
        .map(|(key, value)| {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            (key.clone(), text)
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

pub const MAX_RECV_WINDOW_MS: i64 = 60_000;
const DEFAULT_RECV_WINDOW_MS: i64 = 5_000;
const MAX_AHEAD_MS: i64 = 1_000;

pub fn check_timing(
    timestamp: Option<&str>,
    recv_window: Option<&str>,
    now: i64,
    tolerance_scale: i64,
) -> Result<(), ApiError> {
    let timestamp: i64 = timestamp
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::mandatory("timestamp"))?
        .parse()
        .map_err(|_| ApiError::bad(-1100, "Illegal characters found in parameter 'timestamp'; legal range is '^[0-9]{1,20}$'."))?;
    let timestamp = if timestamp > 10_000_000_000_000 {
        timestamp / 1_000
    } else {
        timestamp
    };
    let window = match recv_window {
        None => DEFAULT_RECV_WINDOW_MS,
        Some(text) => text
            .split('.')
            .next()
            .and_then(|whole| whole.parse::<i64>().ok())
            .ok_or_else(|| {
                ApiError::bad(-1100, "Illegal characters found in parameter 'recvWindow'.")
            })?,
    };
    if window > MAX_RECV_WINDOW_MS {
        return Err(ApiError::bad(-1131, "recvWindow must be less than 60000"));
    }
    let scale = tolerance_scale.max(1);
    if timestamp >= now + MAX_AHEAD_MS * scale {
        return Err(ApiError::bad(
            -1021,
            "Timestamp for this request was 1000ms ahead of the server's time.",
        ));
    }
    if now - timestamp > window * scale {
        return Err(ApiError::bad(
            -1021,
            "Timestamp for this request is outside of the recvWindow.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    #[test]
    fn documented_rest_vector() {
        let payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assert_eq!(
            hmac_hex(SECRET, payload),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        );
        assert!(
            verify(
                SECRET,
                payload,
                Some("C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71")
            )
            .is_ok()
        );
        assert_eq!(verify(SECRET, payload, Some("00")).unwrap_err().code, -1022);
    }

    #[test]
    fn documented_ws_api_vector() {
        let params: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "apiKey": "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
            "symbol": "BTCUSDT", "side": "SELL", "type": "LIMIT", "timeInForce": "GTC",
            "quantity": "0.01000000", "price": "52000.00", "recvWindow": 100, "timestamp": 1_645_423_376_532_i64,
            "signature": "ignored"
        }))
        .unwrap();
        assert_eq!(
            hmac_hex(SECRET, &ws_payload(&params)),
            "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"
        );
    }

    #[test]
    fn timing_rule() {
        assert!(check_timing(Some("10000"), None, 12_000, 1).is_ok());
        assert_eq!(
            check_timing(Some("10000"), None, 16_000, 1)
                .unwrap_err()
                .code,
            -1021
        );
        assert_eq!(
            check_timing(Some("10000"), None, 9_000, 1)
                .unwrap_err()
                .code,
            -1021
        );
        assert!(check_timing(Some("10000"), Some("8000"), 16_000, 1).is_ok());
        assert_eq!(
            check_timing(Some("10000"), Some("70000"), 16_000, 1)
                .unwrap_err()
                .code,
            -1131
        );
        assert_eq!(check_timing(None, None, 16_000, 1).unwrap_err().code, -1102);
        assert!(check_timing(Some("10000"), None, 16_000, 60).is_ok());
        assert!(check_timing(Some("10000"), None, 10_000 + 5_000 * 60 + 1, 60).is_err());
    }
}
