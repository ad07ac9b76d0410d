use std::path::Path;

use livespot_domain::ReasonCode;
use livespot_runtime::{SecretName, dotenv_value};

use crate::CheckResult;

pub const NAME: &str = "dotenv";

pub fn check(path: &Path) -> CheckResult {
    if !path.is_file() {
        return CheckResult::pass(NAME, format!("no {} file", path.display()));
    }
    let plaintext: Vec<&str> = SecretName::ALL
        .into_iter()
        .filter(|name| dotenv_value(path, name.env_var()).is_some())
        .map(SecretName::env_var)
        .collect();
    if plaintext.is_empty() {
        return CheckResult::pass(NAME, format!("{} holds no livespot secret", path.display()));
    }
    CheckResult::warn(
        NAME,
        ReasonCode::DoctorDotenvSecrets,
        format!(
            "{} holds plaintext {}",
            path.display(),
            plaintext.join(", ")
        ),
        format!(
            "run `livespot-launch secrets import-env --file {}` then delete the lines from the file",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckStatus;

    #[test]
    fn plaintext_secrets_warn_naming_the_variable_not_the_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        assert_eq!(check(&path).status, CheckStatus::Pass);
        std::fs::write(&path, "RUST_LOG=info\n").unwrap();
        assert_eq!(check(&path).status, CheckStatus::Pass);
        std::fs::write(&path, "RUST_LOG=info\nBINANCE_API_SECRET=CANARYSECRET\n").unwrap();
        let result = check(&path);
        assert_eq!(result.status, CheckStatus::Warn);
        assert_eq!(result.reason_code, ReasonCode::DoctorDotenvSecrets);
        assert!(result.detail.contains("BINANCE_API_SECRET"));
        assert!(!result.detail.contains("CANARYSECRET"));
    }
}
