use std::time::Duration;

pub const BINANCE_DEFAULT_RECV_WINDOW_MS: u64 = 5000;
pub const BINANCE_MAX_RECV_WINDOW_MS: u64 = 60000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    pub rest_url: String,
    pub ws_url: String,
    pub ws_api_url: String,
    pub recv_window_ms: u64,
    pub timeout_ms: u64,
    pub time_sync_interval_ms: u64,
    pub weight_headroom_percent: u32,
    pub server_clock_rate: u32,
}

impl ClientConfig {
    pub fn production() -> Self {
        Self {
            rest_url: "https://api.binance.com".into(),
            ws_url: "wss://stream.binance.com:9443".into(),
            ws_api_url: "wss://ws-api.binance.com:443/ws-api/v3".into(),
            ..Self::local("", "", "")
        }
    }

    pub fn local(rest_url: &str, ws_url: &str, ws_api_url: &str) -> Self {
        Self {
            rest_url: rest_url.trim_end_matches('/').to_owned(),
            ws_url: ws_url.trim_end_matches('/').to_owned(),
            ws_api_url: ws_api_url.to_owned(),
            recv_window_ms: BINANCE_DEFAULT_RECV_WINDOW_MS,
            timeout_ms: 10_000,
            time_sync_interval_ms: 300_000,
            weight_headroom_percent: 90,
            server_clock_rate: 1,
        }
    }

    pub fn recv_window(&self) -> u64 {
        self.recv_window_ms.clamp(1, BINANCE_MAX_RECV_WINDOW_MS)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recv_window_is_capped_at_binance_maximum() {
        let mut cfg = ClientConfig::local("http://127.0.0.1:1/", "ws://x", "ws://y");
        cfg.recv_window_ms = 120_000;
        assert_eq!(cfg.recv_window(), BINANCE_MAX_RECV_WINDOW_MS);
        assert_eq!(cfg.rest_url, "http://127.0.0.1:1");
    }
}
