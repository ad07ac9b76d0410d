use livespot_config::{Config, ConfigError};

use crate::CheckResult;

pub const NAME: &str = "config";

pub fn valid(config: &Config) -> CheckResult {
    CheckResult::pass(NAME, format!("valid, sha256 {}", config.hash()))
}

pub fn invalid(error: &ConfigError) -> CheckResult {
    CheckResult::fail(
        NAME,
        error.reason(),
        error.to_string(),
        "correct the named key in livespot.toml (policies/livespot.toml is the reference)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckStatus;

    #[test]
    fn a_bad_key_fails_naming_the_code_and_key() {
        let text =
            livespot_config::SHIPPED_CONFIG_TEXT.replacen("[risk]\n", "[risk]\nbogus = 1\n", 1);
        let error = Config::from_toml(&text).unwrap_err();
        let check = invalid(&error);
        assert_eq!(check.status, CheckStatus::Fail);
        assert_eq!(check.reason_code.as_str(), "CONFIG_UNKNOWN_KEY");
        assert!(check.detail.contains("risk.bogus"), "{}", check.detail);
    }

    #[test]
    fn a_valid_config_shows_its_hash() {
        let config = Config::shipped().unwrap();
        let check = valid(&config);
        assert_eq!(check.status, CheckStatus::Pass);
        assert!(check.detail.contains(config.hash()));
    }
}
