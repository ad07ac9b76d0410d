use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{cross, in_range};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiskConfig {
    pub degrade_free_mib: u64,
    pub pause_free_mib: u64,
    pub audit_wal_max_bytes: u64,
    pub check_interval_ms: u64,
}

impl DiskConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "disk.degrade_free_mib",
            &self.degrade_free_mib,
            &2,
            &1_048_576,
        )?;
        in_range("disk.pause_free_mib", &self.pause_free_mib, &1, &1_048_576)?;
        cross(
            self.pause_free_mib < self.degrade_free_mib,
            &["disk.pause_free_mib", "disk.degrade_free_mib"],
            "disk.pause_free_mib must be below disk.degrade_free_mib (DEGRADE comes before PAUSE)",
        )?;
        in_range(
            "disk.audit_wal_max_bytes",
            &self.audit_wal_max_bytes,
            &1_048_576,
            &4_294_967_296,
        )?;
        in_range(
            "disk.check_interval_ms",
            &self.check_interval_ms,
            &100,
            &600_000,
        )
    }
}
