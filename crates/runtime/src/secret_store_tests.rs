use super::*;

fn use_mock_keyring() {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
}

#[test]
fn dotenv_values_are_found_and_quotes_trimmed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(
        &path,
        "OTHER=1\nexport BINANCE_API_KEY=\"abc\"\nBINANCE_API_SECRET='s3'\nOPENAI_API_KEY=\n",
    )
    .unwrap();
    assert_eq!(
        dotenv_value(&path, "BINANCE_API_KEY").unwrap().expose(),
        "abc"
    );
    assert_eq!(
        dotenv_value(&path, "BINANCE_API_SECRET").unwrap().expose(),
        "s3"
    );
    assert!(dotenv_value(&path, "OPENAI_API_KEY").is_none());
    assert!(dotenv_value(&dir.path().join("missing"), "BINANCE_API_KEY").is_none());
}

#[test]
fn mock_keyring_stores_and_empty_values_are_refused() {
    use_mock_keyring();
    let entry = keyring::Entry::new(KEYRING_SERVICE, "probe").unwrap();
    entry.set_password("value-1").unwrap();
    assert_eq!(entry.get_password().unwrap(), "value-1");
    let refused = store_secret(SecretName::OpenaiApiKey, &SecretText::new("  "));
    assert!(matches!(refused, Err(RuntimeError::SecretMissing { .. })));
}

#[test]
fn missing_everywhere_is_a_named_error() {
    use_mock_keyring();
    let dir = tempfile::tempdir().unwrap();
    if std::env::var(SecretName::BinanceApiSecret.env_var()).is_ok() {
        return;
    }
    let result = load_secret(SecretName::BinanceApiSecret, &dir.path().join(".env"));
    assert!(matches!(
        result,
        Err(RuntimeError::SecretMissing {
            name: "BINANCE_API_SECRET"
        })
    ));
}

#[test]
fn dotenv_fallback_is_used_when_keyring_and_env_are_empty() {
    use_mock_keyring();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(&path, "OPENAI_API_KEY=sk-test\n").unwrap();
    if std::env::var(SecretName::OpenaiApiKey.env_var()).is_ok() {
        return;
    }
    let (secret, source) = load_secret(SecretName::OpenaiApiKey, &path).unwrap();
    assert_eq!(secret.expose(), "sk-test");
    assert_eq!(source, SecretSource::DotEnv);
}
