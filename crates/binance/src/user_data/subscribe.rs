use crate::error::BinanceError;
use crate::secret::Credentials;
use crate::signing::sign_ws_api;
use serde::Deserialize;

pub const SUBSCRIBE_METHOD: &str = "userDataStream.subscribe.signature";

pub fn subscribe_request(
    id: &str,
    credentials: &Credentials,
    timestamp_ms: i64,
    recv_window_ms: u64,
) -> serde_json::Value {
    let params = vec![
        ("apiKey".to_owned(), credentials.api_key.expose().to_owned()),
        ("recvWindow".to_owned(), recv_window_ms.to_string()),
        ("timestamp".to_owned(), timestamp_ms.to_string()),
    ];
    let signature = sign_ws_api(&credentials.api_secret, &params);
    serde_json::json!({
        "id": id,
        "method": SUBSCRIBE_METHOD,
        "params": {
            "apiKey": credentials.api_key.expose(),
            "recvWindow": recv_window_ms,
            "timestamp": timestamp_ms,
            "signature": signature,
        }
    })
}

#[derive(Debug, Deserialize)]
struct WsApiErrorData {
    #[serde(rename = "serverTime")]
    server_time: Option<i64>,
    #[serde(rename = "retryAfter")]
    retry_after: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct WsApiError {
    code: i64,
    msg: String,
    data: Option<WsApiErrorData>,
}

fn ws_api_error(status: u16, err: WsApiError) -> BinanceError {
    let retry_at = err.data.as_ref().and_then(|d| d.retry_after);
    let server_time = err.data.as_ref().and_then(|d| d.server_time);
    match (status, retry_at) {
        (418, Some(until_ms)) => BinanceError::Banned { until_ms },
        (429, Some(at)) => {
            let wait_ms = server_time.map_or(1000, |now| (at - now).max(0));
            BinanceError::RateLimited {
                retry_after: std::time::Duration::from_millis(
                    u64::try_from(wait_ms).unwrap_or(1000),
                ),
            }
        }
        _ => BinanceError::from_api_error(status, err.code, err.msg),
    }
}

#[derive(Debug, Deserialize)]
struct SubscribeResult {
    #[serde(rename = "subscriptionId")]
    subscription_id: i64,
}

#[derive(Debug, Deserialize)]
struct WsApiResponse {
    id: Option<serde_json::Value>,
    status: u16,
    result: Option<SubscribeResult>,
    error: Option<WsApiError>,
}

pub fn is_response_to(text: &str, id: &str) -> bool {
    serde_json::from_str::<WsApiResponse>(text)
        .ok()
        .and_then(|r| r.id)
        .is_some_and(|v| v.as_str() == Some(id))
}

pub fn parse_subscribe_response(text: &str) -> Result<i64, BinanceError> {
    let response: WsApiResponse = serde_json::from_str(text).map_err(|e| BinanceError::Decode {
        detail: e.to_string(),
    })?;
    match (response.result, response.error) {
        (Some(result), _) if response.status == 200 => Ok(result.subscription_id),
        (_, Some(err)) => Err(ws_api_error(response.status, err)),
        _ => Err(BinanceError::Decode {
            detail: format!("unexpected subscribe reply: {text}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::{ApiKey, ApiSecret};

    #[test]
    fn request_is_signed_over_sorted_params_including_api_key() {
        let creds = Credentials::new(ApiKey::new("key1"), ApiSecret::new("secret1"));
        let request = subscribe_request("r1", &creds, 1_747_385_641_636, 5000);
        let expected = crate::signing::hmac_sha256_hex(
            &ApiSecret::new("secret1"),
            "apiKey=key1&recvWindow=5000&timestamp=1747385641636",
        );
        assert_eq!(request["params"]["signature"], expected);
        assert_eq!(request["method"], SUBSCRIBE_METHOD);
    }

    #[test]
    fn subscribe_replies_parse_to_id_or_typed_error() {
        let ok = r#"{"id":"r1","status":200,"result":{"subscriptionId":7}}"#;
        assert_eq!(parse_subscribe_response(ok), Ok(7));
        assert!(is_response_to(ok, "r1"));
        let clock = r#"{"id":"r1","status":400,"error":{"code":-1021,"msg":"Timestamp outside"}}"#;
        assert!(parse_subscribe_response(clock).unwrap_err().is_clock());
    }
}
