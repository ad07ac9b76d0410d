use livespot_domain::ReasonCode;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BinanceError {
    #[error("request rejected by Binance: code {code}: {msg}")]
    Rejected { code: i64, msg: String },
    #[error("execution status unknown: {detail}")]
    StatusUnknown { code: Option<i64>, detail: String },
    #[error("rate limited, retry after {retry_after:?}")]
    RateLimited { retry_after: Duration },
    #[error("IP banned until server time {until_ms} ms")]
    Banned { until_ms: i64 },
    #[error("timestamp outside recvWindow: {msg}")]
    Clock { msg: String },
    #[error("authentication refused: code {code}: {msg}")]
    Auth { code: i64, msg: String },
    #[error("request was not sent: {detail}")]
    Transport { detail: String },
    #[error("response could not be decoded: {detail}")]
    Decode { detail: String },
    #[error("invalid request: {detail}")]
    InvalidRequest { detail: String },
    #[error("websocket failure: {detail}")]
    WebSocket { detail: String },
}

impl BinanceError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Rejected { .. } => ReasonCode::BinanceRejected,
            Self::StatusUnknown { .. } => ReasonCode::BinanceStatusUnknown,
            Self::RateLimited { .. } => ReasonCode::BinanceRateLimited,
            Self::Banned { .. } => ReasonCode::BinanceIpBanned,
            Self::Clock { .. } => ReasonCode::BinanceClockSkew,
            Self::Auth { .. } => ReasonCode::BinanceAuthFailed,
            Self::Transport { .. } => ReasonCode::BinanceTransportFailed,
            Self::Decode { .. } => ReasonCode::BinanceDecodeFailed,
            Self::InvalidRequest { .. } => ReasonCode::BinanceInvalidRequest,
            Self::WebSocket { .. } => ReasonCode::BinanceWebsocketFailed,
        }
    }

    pub fn is_status_unknown(&self) -> bool {
        matches!(self, Self::StatusUnknown { .. })
    }

    pub fn is_rejected(&self) -> bool {
        matches!(self, Self::Rejected { .. })
    }

    pub fn is_clock(&self) -> bool {
        matches!(self, Self::Clock { .. })
    }

    pub fn is_retryable_without_reconcile(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. }
                | Self::Banned { .. }
                | Self::Clock { .. }
                | Self::Transport { .. }
        )
    }

    pub fn from_api_error(http_status: u16, code: i64, msg: String) -> Self {
        if matches!(code, -1006 | -1007) || http_status >= 500 {
            return Self::StatusUnknown {
                code: Some(code),
                detail: msg,
            };
        }
        match code {
            -1021 => Self::Clock { msg },
            -1002 | -1022 | -2014 | -2015 => Self::Auth { code, msg },
            _ => Self::Rejected { code, msg },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_timeout_and_unexpected_response_are_status_unknown() {
        for code in [-1006, -1007] {
            let err = BinanceError::from_api_error(400, code, "x".into());
            assert!(err.is_status_unknown());
            assert!(!err.is_rejected());
        }
    }

    #[test]
    fn http_5xx_is_status_unknown_even_with_a_rejection_code() {
        let err = BinanceError::from_api_error(503, -2010, "x".into());
        assert!(err.is_status_unknown());
    }

    #[test]
    fn invalid_timestamp_is_clock_and_signature_is_auth() {
        assert!(BinanceError::from_api_error(400, -1021, "x".into()).is_clock());
        assert_eq!(
            BinanceError::from_api_error(400, -1022, "x".into())
                .reason_code()
                .as_str(),
            "BINANCE_AUTH_FAILED"
        );
    }

    #[test]
    fn filter_failure_is_a_definite_rejection() {
        let err = BinanceError::from_api_error(400, -1013, "Filter failure: LOT_SIZE".into());
        assert_eq!(
            err,
            BinanceError::Rejected {
                code: -1013,
                msg: "Filter failure: LOT_SIZE".into()
            }
        );
    }
}
