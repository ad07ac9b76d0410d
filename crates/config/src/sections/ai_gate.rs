use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::{in_range, text_rule, url_with_scheme};

pub const AI_DEC_DISABLED: u8 = 0;
pub const AI_DEC_ENABLED: u8 = 1;
pub const AI_DEC_MANDATORY: u8 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiGateConfig {
    pub ai_dec: u8,
    pub base_url: String,
    pub model: String,
    pub timeout_ms: u64,
    pub calls_per_minute: u32,
    pub tokens_per_day: u64,
    pub log_raw_prompt: bool,
}

impl AiGateConfig {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        in_range(
            "ai_gate.ai_dec",
            &self.ai_dec,
            &AI_DEC_DISABLED,
            &AI_DEC_MANDATORY,
        )?;
        url_with_scheme("ai_gate.base_url", &self.base_url, "https", "http")?;
        text_rule(
            "ai_gate.model",
            &self.model,
            (1..=100).contains(&self.model.len()) && !self.model.contains(char::is_whitespace),
            "1..=100 characters without whitespace",
        )?;
        in_range("ai_gate.timeout_ms", &self.timeout_ms, &100, &60_000)?;
        in_range("ai_gate.calls_per_minute", &self.calls_per_minute, &1, &600)?;
        in_range(
            "ai_gate.tokens_per_day",
            &self.tokens_per_day,
            &1_000,
            &100_000_000,
        )
    }
}
