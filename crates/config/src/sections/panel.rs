use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{in_range, one_of};

pub const PICK_FREE_PORT: u16 = 0;
pub const LOOPBACK_BIND_ADDRESSES: &[&str] = &["127.0.0.1", "::1"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelConfig {
    pub bind_address: String,
    pub port: u16,
    pub refresh_interval_ms: u64,
}

impl PanelConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        one_of(
            "panel.bind_address",
            &self.bind_address,
            LOOPBACK_BIND_ADDRESSES,
        )?;
        if self.port != PICK_FREE_PORT {
            in_range("panel.port", &self.port, &1024, &u16::MAX).map_err(|error| match error {
                ConfigError::OutOfRange {
                    key,
                    value,
                    allowed,
                } => ConfigError::OutOfRange {
                    key,
                    value,
                    allowed: format!("{allowed}, or 0 to pick a free port"),
                },
                other => other,
            })?;
        }
        in_range(
            "panel.refresh_interval_ms",
            &self.refresh_interval_ms,
            &100,
            &60_000,
        )
    }
}
