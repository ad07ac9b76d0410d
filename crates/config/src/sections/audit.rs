use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{cross, in_range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CheckpointMode {
    Passive,
    Full,
    Restart,
    Truncate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    pub queue_capacity: u32,
    pub batch_size: u32,
    pub batch_max_delay_ms: u64,
    pub checkpoint_interval_ms: u64,
    pub checkpoint_mode: CheckpointMode,
    pub queue_alert_pct: u8,
}

impl AuditConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "audit.queue_capacity",
            &self.queue_capacity,
            &16,
            &1_000_000,
        )?;
        in_range("audit.batch_size", &self.batch_size, &1, &10_000)?;
        cross(
            self.batch_size <= self.queue_capacity,
            &["audit.batch_size", "audit.queue_capacity"],
            "audit.batch_size must not exceed audit.queue_capacity",
        )?;
        in_range(
            "audit.batch_max_delay_ms",
            &self.batch_max_delay_ms,
            &1,
            &10_000,
        )?;
        in_range(
            "audit.checkpoint_interval_ms",
            &self.checkpoint_interval_ms,
            &1_000,
            &3_600_000,
        )?;
        in_range("audit.queue_alert_pct", &self.queue_alert_pct, &10, &99)
    }
}
