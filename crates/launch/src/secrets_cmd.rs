use std::io::{BufRead, IsTerminal};
use std::path::Path;

use livespot_runtime::{
    ExitStatus, SecretName, SecretText, attach_session_keyring, dotenv_value, keyring_secret,
    store_secret,
};

use crate::{LaunchError, SecretKind, SecretsAction};

pub fn run_secrets(action: &SecretsAction) -> ExitStatus {
    attach_session_keyring();
    let result = match action {
        SecretsAction::Set { kind } => set_from_stdin(*kind),
        SecretsAction::ImportEnv { file } => import_env(file),
        SecretsAction::Status => {
            print_status();
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            eprintln!("livespot-launch secrets: {error}");
            ExitStatus::Failure
        }
    }
}

fn names_of(kind: SecretKind) -> &'static [SecretName] {
    match kind {
        SecretKind::Binance => &[SecretName::BinanceApiKey, SecretName::BinanceApiSecret],
        SecretKind::Openai => &[SecretName::OpenaiApiKey],
    }
}

fn set_from_stdin(kind: SecretKind) -> Result<(), LaunchError> {
    let interactive = std::io::stdin().is_terminal();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    for name in names_of(kind) {
        let value = if interactive {
            rpassword::prompt_password(format!("{} (not echoed): ", name.env_var())).map_err(
                |error| LaunchError::SecretInput {
                    detail: error.to_string(),
                },
            )?
        } else {
            lines
                .next()
                .ok_or_else(|| LaunchError::SecretInput {
                    detail: format!("{} missing on stdin", name.env_var()),
                })?
                .map_err(|error| LaunchError::SecretInput {
                    detail: error.to_string(),
                })?
        };
        store(*name, &SecretText::new(value.trim()))?;
    }
    Ok(())
}

fn import_env(file: &Path) -> Result<(), LaunchError> {
    let mut stored = 0;
    for name in SecretName::ALL {
        if let Some(secret) = dotenv_value(file, name.env_var()) {
            store(name, &secret)?;
            stored += 1;
        }
    }
    if stored == 0 {
        return Err(LaunchError::SecretInput {
            detail: format!("no known secret in {}", file.display()),
        });
    }
    Ok(())
}

fn store(name: SecretName, secret: &SecretText) -> Result<(), LaunchError> {
    store_secret(name, secret).map_err(|error| LaunchError::SecretStore {
        detail: error.to_string(),
    })?;
    println!("stored {} in the OS keyring", name.env_var());
    Ok(())
}

fn print_status() {
    for name in SecretName::ALL {
        let state = if keyring_secret(name).is_some() {
            "present"
        } else {
            "missing"
        };
        println!("{}: {state}", name.env_var());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn use_mock_keyring() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    }

    #[test]
    fn import_env_stores_the_known_secrets_found_in_the_file() {
        use_mock_keyring();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".env");
        std::fs::write(
            &file,
            "BINANCE_API_KEY=k1\nBINANCE_API_SECRET=s1\nUNRELATED=x\n",
        )
        .unwrap();
        assert!(import_env(&file).is_ok());
    }

    #[test]
    fn import_env_without_any_known_secret_is_an_error() {
        use_mock_keyring();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".env");
        std::fs::write(&file, "UNRELATED=x\n").unwrap();
        assert!(matches!(
            import_env(&file),
            Err(LaunchError::SecretInput { .. })
        ));
        assert!(matches!(
            import_env(&dir.path().join("missing")),
            Err(LaunchError::SecretInput { .. })
        ));
    }

    #[test]
    fn binance_needs_two_lines_and_openai_one() {
        assert_eq!(names_of(SecretKind::Binance).len(), 2);
        assert_eq!(names_of(SecretKind::Openai), &[SecretName::OpenaiApiKey]);
    }
}
