use std::path::PathBuf;

use livespot_domain::{ProcessRole, RunId};
use livespot_ipc::RunKeys as IpcRunKeys;
use serde::{Deserialize, Serialize};

use crate::{RuntimeError, SecretText};

pub const MAX_RUN_KEYS_LINE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunMode {
    Sim,
    Live,
}

impl RunMode {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sim => "sim",
            Self::Live => "live",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueEndpoints {
    pub rest: String,
    pub ws: String,
    pub ws_api: String,
    pub admin: String,
    #[serde(default = "real_time")]
    pub clock_scale: u32,
}

const fn real_time() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueCredentials {
    pub api_key: SecretText,
    pub api_secret: SecretText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunKeys {
    pub run_id: RunId,
    pub role: ProcessRole,
    pub mode: RunMode,
    pub ipc: IpcRunKeys,
    pub venue: Option<VenueEndpoints>,
    pub venue_credentials: Option<VenueCredentials>,
    pub socket_dir: PathBuf,
    pub heartbeat_interval_ms: u64,
}

impl RunKeys {
    pub fn venue_clock_rate(&self) -> u32 {
        match (self.mode, &self.venue) {
            (RunMode::Sim, Some(venue)) => venue.clock_scale.max(1),
            _ => 1,
        }
    }

    pub fn holds_intent_key(&self) -> bool {
        self.ipc.intent_key.is_some()
    }

    pub fn to_line(&self) -> Result<String, RuntimeError> {
        let mut line =
            serde_json::to_string(self).map_err(|error| RuntimeError::RunKeysEncode {
                detail: error.to_string(),
            })?;
        line.push('\n');
        Ok(line)
    }

    pub fn from_line(line: &str, expected: ProcessRole) -> Result<Self, RuntimeError> {
        if line.len() > MAX_RUN_KEYS_LINE_BYTES {
            return Err(RuntimeError::RunKeysTooLarge { bytes: line.len() });
        }
        let keys: Self =
            serde_json::from_str(line.trim()).map_err(|error| RuntimeError::RunKeysDecode {
                detail: error.to_string(),
            })?;
        if keys.role != expected {
            return Err(RuntimeError::RunKeysWrongRole {
                expected: expected.as_str().to_owned(),
                found: keys.role.as_str().to_owned(),
            });
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venue_endpoints_without_a_clock_scale_run_in_real_time() {
        let plain: VenueEndpoints =
            serde_json::from_str(r#"{"rest":"r","ws":"w","ws_api":"a","admin":"d"}"#).unwrap();
        assert_eq!(plain.clock_scale, 1);
        let lapse: VenueEndpoints = serde_json::from_str(
            r#"{"rest":"r","ws":"w","ws_api":"a","admin":"d","clock_scale":60}"#,
        )
        .unwrap();
        assert_eq!(lapse.clock_scale, 60);
    }
}
