use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use livespot_runtime::{SecretName, SecretText, keyring_secret};

pub const DEFAULT_VENUE_TIMEOUT: Duration = Duration::from_secs(3);
pub const DEFAULT_DOTENV_FILE: &str = ".env";

pub trait SecretProbe: Send + Sync + std::fmt::Debug {
    fn read(&self, name: SecretName) -> Option<SecretText>;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct KeyringSecrets;

impl SecretProbe for KeyringSecrets {
    fn read(&self, name: SecretName) -> Option<SecretText> {
        keyring_secret(name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct FixedSecrets {
    values: Vec<(SecretName, SecretText)>,
}

impl FixedSecrets {
    #[must_use]
    pub fn with(mut self, name: SecretName, value: &str) -> Self {
        self.values.push((name, SecretText::new(value)));
        self
    }
}

impl SecretProbe for FixedSecrets {
    fn read(&self, name: SecretName) -> Option<SecretText> {
        self.values
            .iter()
            .find(|(stored, _)| *stored == name)
            .map(|(_, value)| value.clone())
    }
}

#[derive(Debug, Clone)]
pub struct DoctorInputs {
    pub config_path: PathBuf,
    pub var_dir: PathBuf,
    pub dotenv_path: PathBuf,
    pub live_checklist: bool,
    pub credentials_file: Option<PathBuf>,
    pub env_credentials: bool,
    pub secrets: Arc<dyn SecretProbe>,
    pub venue_timeout: Duration,
}

impl DoctorInputs {
    pub fn new(config_path: impl Into<PathBuf>, var_dir: impl Into<PathBuf>) -> Self {
        Self {
            config_path: config_path.into(),
            var_dir: var_dir.into(),
            dotenv_path: PathBuf::from(DEFAULT_DOTENV_FILE),
            live_checklist: false,
            credentials_file: None,
            env_credentials: true,
            secrets: Arc::new(KeyringSecrets),
            venue_timeout: DEFAULT_VENUE_TIMEOUT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_secrets_answer_only_what_was_stored() {
        let secrets = FixedSecrets::default().with(SecretName::BinanceApiKey, "k");
        assert_eq!(
            secrets
                .read(SecretName::BinanceApiKey)
                .map(|s| s.expose().to_owned()),
            Some("k".to_owned())
        );
        assert!(secrets.read(SecretName::OpenaiApiKey).is_none());
    }
}
