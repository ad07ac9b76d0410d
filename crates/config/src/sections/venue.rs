use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{in_range, url_with_scheme};

pub const BINANCE_MAX_RECV_WINDOW_MS: u64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueConfig {
    pub rest_url: String,
    pub ws_url: String,
    pub ws_api_url: String,
    pub recv_window_ms: u64,
    pub time_resync_interval_secs: u64,
}

impl VenueConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        url_with_scheme("venue.rest_url", &self.rest_url, "https", "http")?;
        url_with_scheme("venue.ws_url", &self.ws_url, "wss", "ws")?;
        url_with_scheme("venue.ws_api_url", &self.ws_api_url, "wss", "ws")?;
        in_range(
            "venue.recv_window_ms",
            &self.recv_window_ms,
            &1,
            &BINANCE_MAX_RECV_WINDOW_MS,
        )?;
        in_range(
            "venue.time_resync_interval_secs",
            &self.time_resync_interval_secs,
            &10,
            &86_400,
        )
    }
}
