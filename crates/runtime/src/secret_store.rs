use std::path::Path;

use crate::{RuntimeError, SecretText};

pub const KEYRING_SERVICE: &str = "livespot";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretName {
    BinanceApiKey,
    BinanceApiSecret,
    OpenaiApiKey,
}

impl SecretName {
    pub const ALL: [Self; 3] = [
        Self::BinanceApiKey,
        Self::BinanceApiSecret,
        Self::OpenaiApiKey,
    ];

    pub const fn env_var(self) -> &'static str {
        match self {
            Self::BinanceApiKey => "BINANCE_API_KEY",
            Self::BinanceApiSecret => "BINANCE_API_SECRET",
            Self::OpenaiApiKey => "OPENAI_API_KEY",
        }
    }

    pub const fn keyring_user(self) -> &'static str {
        match self {
            Self::BinanceApiKey => "binance_api_key",
            Self::BinanceApiSecret => "binance_api_secret",
            Self::OpenaiApiKey => "openai_api_key",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    Keyring,
    Environment,
    DotEnv,
}

fn entry(name: SecretName) -> Result<keyring::Entry, RuntimeError> {
    keyring::Entry::new(KEYRING_SERVICE, name.keyring_user()).map_err(|error| {
        RuntimeError::Keyring {
            detail: error.to_string(),
        }
    })
}

pub fn store_secret(name: SecretName, value: &SecretText) -> Result<(), RuntimeError> {
    if value.is_empty() {
        return Err(RuntimeError::SecretMissing {
            name: name.env_var(),
        });
    }
    entry(name)?
        .set_password(value.expose())
        .map_err(|error| RuntimeError::Keyring {
            detail: error.to_string(),
        })
}

pub fn keyring_secret(name: SecretName) -> Option<SecretText> {
    let found = entry(name).ok()?.get_password().ok()?;
    let secret = SecretText::new(found);
    (!secret.is_empty()).then_some(secret)
}

pub fn load_secret(
    name: SecretName,
    dotenv: &Path,
) -> Result<(SecretText, SecretSource), RuntimeError> {
    if let Some(secret) = keyring_secret(name) {
        return Ok((secret, SecretSource::Keyring));
    }
    if let Ok(value) = std::env::var(name.env_var()) {
        let secret = SecretText::new(value);
        if !secret.is_empty() {
            tracing::warn!(
                secret = name.env_var(),
                reason = "SECRET_FROM_ENV",
                "secret read from the environment, not the keyring"
            );
            return Ok((secret, SecretSource::Environment));
        }
    }
    if let Some(secret) = dotenv_value(dotenv, name.env_var()) {
        tracing::warn!(
            secret = name.env_var(),
            reason = "SECRET_FROM_DOTENV",
            "secret read from .env, not the keyring"
        );
        return Ok((secret, SecretSource::DotEnv));
    }
    Err(RuntimeError::SecretMissing {
        name: name.env_var(),
    })
}

pub fn dotenv_value(path: &Path, key: &str) -> Option<SecretText> {
    let text = SecretText::new(std::fs::read_to_string(path).ok()?);
    text.expose().lines().find_map(|line| {
        let line = line.trim().strip_prefix("export ").unwrap_or(line.trim());
        let (name, value) = line.split_once('=')?;
        if name.trim() != key {
            return None;
        }
        let value = value.trim().trim_matches('"').trim_matches('\'');
        let secret = SecretText::new(value);
        (!secret.is_empty()).then_some(secret)
    })
}

#[cfg(target_os = "linux")]
pub fn attach_session_keyring() {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    if let Err(error) = KeyRing::from_special_id(KeyRingIdentifier::Session, true) {
        tracing::warn!(
            reason = "SESSION_KEYRING_UNAVAILABLE",
            ?error,
            "session keyring not attached"
        );
    }
}

#[cfg(not(target_os = "linux"))]
pub fn attach_session_keyring() {}

#[cfg(test)]
#[path = "secret_store_tests.rs"]
mod tests;
