use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::one_of;

pub const SUPPORTED_QUOTE_ASSETS: &[&str] = &["USDT"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DefaultMode {
    Sim,
    Replay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneralConfig {
    pub quote_asset: String,
    pub default_mode: DefaultMode,
    pub log_level: LogLevel,
}

impl GeneralConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        one_of(
            "general.quote_asset",
            &self.quote_asset,
            SUPPORTED_QUOTE_ASSETS,
        )
    }
}
