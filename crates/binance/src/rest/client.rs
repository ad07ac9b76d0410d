use crate::config::ClientConfig;
use crate::error::BinanceError;
use crate::rate_limit::RateLimiter;
use crate::rest::account::ApiErrorBody;
use crate::rest::call::{Call, Security};
use crate::rest::market::ServerTime;
use crate::rest::params::Params;
use crate::secret::Credentials;
use crate::signing::{API_KEY_HEADER, encode_params, sign_rest};
use crate::time_sync::{TimeSync, local_now_ms};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;

const MAX_ATTEMPTS: usize = 3;

#[derive(Debug, Clone)]
pub struct RestClient {
    pub(crate) http: reqwest::Client,
    pub(crate) config: ClientConfig,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) time: Arc<TimeSync>,
    pub(crate) limiter: Arc<RateLimiter>,
}

#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: String,
}

impl RestClient {
    pub fn new(
        config: ClientConfig,
        credentials: Option<Credentials>,
    ) -> Result<Self, BinanceError> {
        crate::install_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(config.timeout())
            .build()
            .map_err(|e| BinanceError::Transport {
                detail: e.to_string(),
            })?;
        let limiter = Arc::new(RateLimiter::new(config.weight_headroom_percent));
        let time = Arc::new(TimeSync::with_server_clock_rate(config.server_clock_rate));
        Ok(Self {
            http,
            config,
            credentials,
            time,
            limiter,
        })
    }

    pub fn time_sync(&self) -> &Arc<TimeSync> {
        &self.time
    }

    pub fn rate_limiter(&self) -> &Arc<RateLimiter> {
        &self.limiter
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    pub async fn sync_time(&self) -> Result<i64, BinanceError> {
        let call = Call::public("/api/v3/time", 1, Params::new());
        self.limiter.acquire(call.weight, false).await?;
        let sent = local_now_ms();
        let raw = self.send_once(&call).await?;
        let received = local_now_ms();
        let server: ServerTime = decode(&call, &self.classify(&call, raw)?)?;
        Ok(self.time.record(sent, server.server_time, received))
    }

    pub async fn execute<T: DeserializeOwned>(&self, call: &Call) -> Result<T, BinanceError> {
        let mut resynced = false;
        let mut last_error = BinanceError::Transport {
            detail: "no attempt made".into(),
        };
        for _ in 0..MAX_ATTEMPTS {
            match self.attempt(call).await {
                Ok(body) => return decode(call, &body),
                Err(BinanceError::Clock { msg }) if !resynced => {
                    tracing::warn!(path = call.path, %msg, "timestamp rejected, re-measuring server time");
                    self.time.note_timestamp_rejected();
                    self.sync_time().await?;
                    resynced = true;
                    last_error = BinanceError::Clock { msg };
                }
                Err(err @ BinanceError::RateLimited { .. }) if call.is_read_only() => {
                    last_error = err;
                }
                Err(err) => return Err(err),
            }
        }
        Err(last_error)
    }

    pub async fn server_now_ms(&self) -> Result<i64, BinanceError> {
        self.sync_time_when_due().await?;
        Ok(self.time.server_now_ms())
    }

    async fn sync_time_when_due(&self) -> Result<(), BinanceError> {
        if self
            .time
            .needs_refresh(Duration::from_millis(self.config.time_sync_interval_ms))
        {
            self.sync_time().await?;
        }
        Ok(())
    }

    async fn attempt(&self, call: &Call) -> Result<String, BinanceError> {
        if call.security == Security::Signed {
            self.sync_time_when_due().await?;
        }
        self.limiter
            .acquire(call.weight.max(1), call.places_order)
            .await?;
        let raw = self.send_once(call).await?;
        self.classify(call, raw)
    }

    fn build_query(&self, call: &Call) -> Result<(String, Option<&Credentials>), BinanceError> {
        match call.security {
            Security::Public => Ok((encode_params(call.params.pairs()), None)),
            Security::Signed => {
                let creds = self
                    .credentials
                    .as_ref()
                    .ok_or_else(|| BinanceError::Auth {
                        code: 0,
                        msg: "signed endpoint called without credentials".into(),
                    })?;
                let mut params = call.params.clone();
                params.push("recvWindow", self.config.recv_window());
                params.push("timestamp", self.time.server_now_ms());
                let signed = sign_rest(&creds.api_secret, &encode_params(params.pairs()), "");
                Ok((signed.query, Some(creds)))
            }
        }
    }

    async fn send_once(&self, call: &Call) -> Result<RawResponse, BinanceError> {
        let (query, creds) = self.build_query(call)?;
        let url = if query.is_empty() {
            format!("{}{}", self.config.rest_url, call.path)
        } else {
            format!("{}{}?{}", self.config.rest_url, call.path, query)
        };
        let mut request = self.http.request(call.method.clone(), url);
        if let Some(creds) = creds {
            request = request.header(API_KEY_HEADER, creds.api_key.expose());
        }
        let response = request
            .send()
            .await
            .map_err(|e| transport_failure(call, &e))?;
        for (name, value) in response.headers() {
            if let Ok(value) = value.to_str() {
                self.limiter.observe_header(name.as_str(), value);
            }
        }
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = response
            .text()
            .await
            .map_err(|e| transport_failure(call, &e))?;
        Ok(RawResponse {
            status,
            retry_after,
            body,
        })
    }

    fn classify(&self, call: &Call, raw: RawResponse) -> Result<String, BinanceError> {
        let retry_after = raw.retry_after.unwrap_or(Duration::from_secs(1));
        match raw.status {
            200..=299 => Ok(raw.body),
            429 => {
                self.limiter.on_too_many_requests(retry_after);
                Err(BinanceError::RateLimited { retry_after })
            }
            418 => {
                let stated_end = parse_error(&raw.body)
                    .and_then(|e| ban_end_server_ms(&e.msg))
                    .map(|server_ms| server_ms - self.time.offset_ms());
                let until_local_ms = local_now_ms() + duration_ms(retry_after);
                let until_ms = stated_end.map_or(until_local_ms, |s| s.max(until_local_ms));
                Err(BinanceError::Banned {
                    until_ms: self.limiter.on_banned_until(until_ms),
                })
            }
            status if status >= 500 => Err(BinanceError::StatusUnknown {
                code: parse_error(&raw.body).map(|e| e.code),
                detail: format!("HTTP {status} on {}", call.path),
            }),
            status => match parse_error(&raw.body) {
                Some(err) => Err(BinanceError::from_api_error(status, err.code, err.msg)),
                None => Err(BinanceError::Rejected {
                    code: 0,
                    msg: format!("HTTP {status}: {}", raw.body),
                }),
            },
        }
    }
}

fn duration_ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX / 2)
}

pub fn ban_end_server_ms(msg: &str) -> Option<i64> {
    let (_, rest) = msg.split_once("banned until ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn parse_error(body: &str) -> Option<ApiErrorBody> {
    serde_json::from_str(body).ok()
}

fn decode<T: DeserializeOwned>(call: &Call, body: &str) -> Result<T, BinanceError> {
    serde_json::from_str(body).map_err(|e| {
        if call.is_read_only() {
            BinanceError::Decode {
                detail: format!("{}: {e}", call.path),
            }
        } else {
            BinanceError::StatusUnknown {
                code: None,
                detail: format!("undecodable reply on {}: {e}", call.path),
            }
        }
    })
}

fn transport_failure(call: &Call, err: &reqwest::Error) -> BinanceError {
    if err.is_connect() || err.is_builder() || call.is_read_only() {
        BinanceError::Transport {
            detail: format!("{}: {err}", call.path),
        }
    } else {
        BinanceError::StatusUnknown {
            code: None,
            detail: format!("{}: {err}", call.path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ban_end_server_ms;

    #[test]
    fn ban_end_is_read_from_binance_message() {
        let msg = "Way too much request weight used; IP banned until 1659146400000. Please use WebSocket Streams for live updates to avoid bans.";
        assert_eq!(ban_end_server_ms(msg), Some(1_659_146_400_000));
        assert_eq!(ban_end_server_ms("Too much request weight used"), None);
    }
}
