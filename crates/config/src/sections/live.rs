use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{in_range, text_rule};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveConfig {
    pub require_lock_file: bool,
    pub lock_file: String,
    pub max_clock_offset_ms: u64,
    pub require_doctor_pass: bool,
}

impl LiveConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        let plain_name = (1..=64).contains(&self.lock_file.len())
            && self
                .lock_file
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            && !self.lock_file.starts_with('.');
        text_rule(
            "live.lock_file",
            &self.lock_file,
            plain_name,
            "a plain file name inside var/ (1..=64 of A-Z a-z 0-9 . _ -, not starting with a dot)",
        )?;
        in_range(
            "live.max_clock_offset_ms",
            &self.max_clock_offset_ms,
            &1,
            &5_000,
        )
    }
}
