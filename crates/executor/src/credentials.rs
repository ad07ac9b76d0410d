use std::path::Path;

use livespot_runtime::{
    RunKeys, RunMode, RuntimeError, SecretName, VenueCredentials, attach_session_keyring,
    load_secret,
};

pub const DOTENV_FILE: &str = ".env";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialSource {
    LauncherForSim,
    SecretStore,
}

pub fn load_credentials(
    keys: &RunKeys,
) -> Result<(VenueCredentials, CredentialSource), RuntimeError> {
    if keys.mode == RunMode::Sim {
        return keys
            .venue_credentials
            .clone()
            .map(|credentials| (credentials, CredentialSource::LauncherForSim))
            .ok_or(RuntimeError::SecretMissing {
                name: "SIM_VENUE_CREDENTIALS",
            });
    }
    attach_session_keyring();
    let dotenv = Path::new(DOTENV_FILE);
    let (api_key, _) = load_secret(SecretName::BinanceApiKey, dotenv)?;
    let (api_secret, _) = load_secret(SecretName::BinanceApiSecret, dotenv)?;
    Ok((
        VenueCredentials {
            api_key,
            api_secret,
        },
        CredentialSource::SecretStore,
    ))
}

pub fn binance_secrets_present() -> bool {
    attach_session_keyring();
    let dotenv = Path::new(DOTENV_FILE);
    let mut all_present = true;
    for name in [SecretName::BinanceApiKey, SecretName::BinanceApiSecret] {
        let present = load_secret(name, dotenv).is_ok();
        println!(
            "{}: {}",
            name.env_var(),
            if present { "present" } else { "missing" }
        );
        all_present &= present;
    }
    all_present
}
