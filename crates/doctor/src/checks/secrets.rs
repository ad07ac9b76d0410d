use livespot_config::AiGateConfig;
use livespot_domain::ReasonCode;
use livespot_runtime::SecretName;

use crate::{CheckResult, SecretProbe};

pub const NAME: &str = "secrets";
const AI_DEC_DISABLED: u8 = 0;

pub fn check(
    secrets: &dyn SecretProbe,
    ai_gate: &AiGateConfig,
    live_checklist: bool,
) -> CheckResult {
    let present = |name: SecretName| secrets.read(name).is_some();
    let mut absent_binance: Vec<&str> = [SecretName::BinanceApiKey, SecretName::BinanceApiSecret]
        .into_iter()
        .filter(|name| !present(*name))
        .map(SecretName::env_var)
        .collect();
    let openai_needed = ai_gate.ai_dec != AI_DEC_DISABLED;
    let openai_absent = openai_needed && !present(SecretName::OpenaiApiKey);
    if absent_binance.is_empty() && !openai_absent {
        return CheckResult::pass(NAME, "present in the keyring (values not shown)");
    }
    let fail = live_checklist && !absent_binance.is_empty();
    if openai_absent {
        absent_binance.push(SecretName::OpenaiApiKey.env_var());
    }
    CheckResult::warn_or_fail(
        fail,
        NAME,
        ReasonCode::DoctorSecretMissing,
        format!("absent from the keyring: {}", absent_binance.join(", ")),
        "store them with `livespot-launch secrets set <kind>` (read from stdin, never echoed)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CheckStatus, FixedSecrets};

    fn ai_gate(ai_dec: u8) -> AiGateConfig {
        let mut config = livespot_config::Config::shipped().unwrap().ai_gate;
        config.ai_dec = ai_dec;
        config
    }

    #[test]
    fn missing_binance_secret_fails_only_the_live_checklist_and_is_never_shown() {
        let secrets = FixedSecrets::default().with(SecretName::BinanceApiKey, "CANARYKEY");
        let live = check(&secrets, &ai_gate(0), true);
        assert_eq!(live.status, CheckStatus::Fail);
        assert!(live.detail.contains("BINANCE_API_SECRET"));
        assert!(!live.detail.contains("CANARYKEY"));
        assert_eq!(
            check(&secrets, &ai_gate(0), false).status,
            CheckStatus::Warn
        );
    }

    #[test]
    fn openai_key_matters_only_when_the_ai_gate_is_on() {
        let secrets = FixedSecrets::default()
            .with(SecretName::BinanceApiKey, "k")
            .with(SecretName::BinanceApiSecret, "s");
        assert_eq!(check(&secrets, &ai_gate(0), true).status, CheckStatus::Pass);
        let warned = check(&secrets, &ai_gate(2), true);
        assert_eq!(warned.status, CheckStatus::Warn);
        assert!(warned.detail.contains("OPENAI_API_KEY"));
    }
}
