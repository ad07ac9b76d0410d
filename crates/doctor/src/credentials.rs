use std::path::Path;

use livespot_binance::{ApiKey, ApiSecret, Credentials};
use livespot_runtime::{SecretName, SecretText};
use serde::Deserialize;

use crate::{DoctorError, DoctorInputs};

#[derive(Debug, Clone)]
pub enum FoundCredentials {
    Found {
        credentials: Credentials,
        source: &'static str,
    },
    Absent,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialsFile {
    api_key: SecretText,
    api_secret: SecretText,
}

pub fn find_credentials(inputs: &DoctorInputs) -> Result<FoundCredentials, DoctorError> {
    if let Some(path) = &inputs.credentials_file {
        let credentials = read_credentials_file(path)?;
        return Ok(found(credentials, "credentials file"));
    }
    let keyring = (
        inputs.secrets.read(SecretName::BinanceApiKey),
        inputs.secrets.read(SecretName::BinanceApiSecret),
    );
    if let (Some(key), Some(secret)) = keyring {
        return Ok(found(pair(&key, &secret), "keyring"));
    }
    if inputs.env_credentials
        && let (Some(key), Some(secret)) = (
            env_secret(SecretName::BinanceApiKey),
            env_secret(SecretName::BinanceApiSecret),
        )
    {
        return Ok(found(pair(&key, &secret), "environment"));
    }
    Ok(FoundCredentials::Absent)
}

fn found(credentials: Credentials, source: &'static str) -> FoundCredentials {
    FoundCredentials::Found {
        credentials,
        source,
    }
}

fn env_secret(name: SecretName) -> Option<SecretText> {
    let value = SecretText::new(std::env::var(name.env_var()).ok()?);
    (!value.is_empty()).then_some(value)
}

fn pair(key: &SecretText, secret: &SecretText) -> Credentials {
    Credentials::new(
        ApiKey::new(key.expose().trim()),
        ApiSecret::new(secret.expose().trim()),
    )
}

pub fn read_credentials_file(path: &Path) -> Result<Credentials, DoctorError> {
    let invalid = |detail: String| DoctorError::CredentialsFile {
        path: path.display().to_string(),
        detail,
    };
    let text = std::fs::read_to_string(path).map_err(|error| invalid(error.to_string()))?;
    let file: CredentialsFile =
        toml::from_str(&text).map_err(|error| invalid(error.message().to_owned()))?;
    if file.api_key.is_empty() || file.api_secret.is_empty() {
        return Err(invalid(
            "api_key and api_secret must not be empty".to_owned(),
        ));
    }
    Ok(pair(&file.api_key, &file.api_secret))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::FixedSecrets;

    #[test]
    fn credentials_file_is_read_and_never_shown_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("creds.toml");
        std::fs::write(&path, "api_key = \"KEY1\"\napi_secret = \"CANARYSECRET\"\n").unwrap();
        let credentials = read_credentials_file(&path).unwrap();
        assert_eq!(credentials.api_key.expose(), "KEY1");
        std::fs::write(&path, "api_key = \"CANARYSECRET\"\n").unwrap();
        let error = read_credentials_file(&path).unwrap_err();
        assert_eq!(
            error.reason(),
            livespot_domain::ReasonCode::DoctorCredentialsFileInvalid
        );
        assert!(!error.to_string().contains("CANARYSECRET"), "{error}");
    }

    #[test]
    fn keyring_is_used_when_no_file_is_given() {
        let mut inputs = DoctorInputs::new("c.toml", "var");
        inputs.env_credentials = false;
        inputs.secrets = Arc::new(FixedSecrets::default());
        assert!(matches!(
            find_credentials(&inputs).unwrap(),
            FoundCredentials::Absent
        ));
        inputs.secrets = Arc::new(
            FixedSecrets::default()
                .with(SecretName::BinanceApiKey, "K")
                .with(SecretName::BinanceApiSecret, "S"),
        );
        let FoundCredentials::Found { source, .. } = find_credentials(&inputs).unwrap() else {
            panic!("keyring credentials not found");
        };
        assert_eq!(source, "keyring");
    }
}
