use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{cross, in_range};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpcConfig {
    pub max_frame_bytes: u32,
    pub heartbeat_interval_ms: u64,
    pub silent_timeout_ms: u64,
    pub handshake_timeout_ms: u64,
}

impl IpcConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "ipc.max_frame_bytes",
            &self.max_frame_bytes,
            &1_024,
            &67_108_864,
        )?;
        in_range(
            "ipc.heartbeat_interval_ms",
            &self.heartbeat_interval_ms,
            &50,
            &60_000,
        )?;
        in_range(
            "ipc.silent_timeout_ms",
            &self.silent_timeout_ms,
            &100,
            &300_000,
        )?;
        cross(
            self.silent_timeout_ms >= self.heartbeat_interval_ms.saturating_mul(2),
            &["ipc.silent_timeout_ms", "ipc.heartbeat_interval_ms"],
            "ipc.silent_timeout_ms must be at least twice ipc.heartbeat_interval_ms",
        )?;
        in_range(
            "ipc.handshake_timeout_ms",
            &self.handshake_timeout_ms,
            &50,
            &60_000,
        )
    }
}
