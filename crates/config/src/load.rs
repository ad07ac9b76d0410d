use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::ConfigError;

pub const DEFAULT_CONFIG_PATH: &str = "policies/livespot.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(skip)]
    pub hash: String,
}

impl Config {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Unreadable {
            path: path.display().to_string(),
            detail: error.to_string(),
        })?;
        Self::from_toml(&text)
    }

    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let mut config: Self = toml::from_str(text).map_err(|error| ConfigError::Parse {
            detail: error.to_string(),
        })?;
        config.hash = hex::encode(Sha256::digest(text.as_bytes()));
        Ok(config)
    }
}
