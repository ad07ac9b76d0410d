use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{cross, in_range};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisorConfig {
    pub restart_backoff_base_ms: u64,
    pub restart_backoff_max_ms: u64,
    pub crash_loop_restarts: u32,
    pub crash_loop_window_secs: u64,
    pub shutdown_grace_ms: u64,
}

impl SupervisorConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "supervisor.restart_backoff_base_ms",
            &self.restart_backoff_base_ms,
            &10,
            &60_000,
        )?;
        in_range(
            "supervisor.restart_backoff_max_ms",
            &self.restart_backoff_max_ms,
            &10,
            &600_000,
        )?;
        cross(
            self.restart_backoff_base_ms <= self.restart_backoff_max_ms,
            &[
                "supervisor.restart_backoff_base_ms",
                "supervisor.restart_backoff_max_ms",
            ],
            "supervisor.restart_backoff_base_ms must not exceed supervisor.restart_backoff_max_ms",
        )?;
        in_range(
            "supervisor.crash_loop_restarts",
            &self.crash_loop_restarts,
            &1,
            &100,
        )?;
        in_range(
            "supervisor.crash_loop_window_secs",
            &self.crash_loop_window_secs,
            &10,
            &86_400,
        )?;
        in_range(
            "supervisor.shutdown_grace_ms",
            &self.shutdown_grace_ms,
            &100,
            &60_000,
        )
    }
}
