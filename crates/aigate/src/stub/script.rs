use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub const MAX_TIMEOUT_SLEEP_MS: u64 = 120_000;
pub const DEFAULT_TIMEOUT_SLEEP_MS: u64 = 30_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StubReply {
    Allow,
    Block,
    ModifyConservative,
    ModifyRisky,
    InvalidJson,
    SchemaViolation,
    UnknownReason,
    Timeout,
    #[serde(rename = "http_500")]
    Http500,
    Empty,
    Content(String),
}

impl FromStr for StubReply {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(text.to_owned()))
            .map_err(|_| format!("unknown stub verdict {text:?}"))
    }
}

const fn default_timeout_sleep_ms() -> u64 {
    DEFAULT_TIMEOUT_SLEEP_MS
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StubScript {
    pub replies: Vec<StubReply>,
    #[serde(default = "default_timeout_sleep_ms")]
    pub timeout_sleep_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    #[error("CONFIG_UNREADABLE: stub script {path}: {detail}")]
    Unreadable { path: String, detail: String },
    #[error("CONFIG_PARSE: stub script {path}: {detail}")]
    Invalid { path: String, detail: String },
}

impl StubScript {
    pub fn from_file(path: &Path) -> Result<Self, ScriptError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| ScriptError::Unreadable {
            path: shown.clone(),
            detail: error.to_string(),
        })?;
        Self::from_json(&text).map_err(|detail| ScriptError::Invalid {
            path: shown,
            detail,
        })
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str::<Self>(text).or_else(|error| {
            serde_json::from_str::<Vec<StubReply>>(text)
                .map(Self::sequence)
                .map_err(|_| error.to_string())
        })
    }

    pub fn always(reply: StubReply) -> Self {
        Self::sequence(vec![reply])
    }

    pub fn sequence(replies: Vec<StubReply>) -> Self {
        Self {
            replies,
            timeout_sleep_ms: DEFAULT_TIMEOUT_SLEEP_MS,
        }
    }

    #[must_use]
    pub fn with_timeout_sleep_ms(mut self, sleep_ms: u64) -> Self {
        self.timeout_sleep_ms = sleep_ms;
        self
    }

    pub fn reply_at(&self, index: usize) -> StubReply {
        self.replies
            .get(index)
            .or_else(|| self.replies.last())
            .cloned()
            .unwrap_or(StubReply::Allow)
    }

    pub fn sleep_ms(&self) -> u64 {
        self.timeout_sleep_ms.min(MAX_TIMEOUT_SLEEP_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_plays_in_order_then_repeats_its_last_reply() {
        let script = StubScript::sequence(vec![StubReply::Block, StubReply::Timeout]);
        assert_eq!(script.reply_at(0), StubReply::Block);
        assert_eq!(script.reply_at(1), StubReply::Timeout);
        assert_eq!(script.reply_at(7), StubReply::Timeout);
        assert_eq!(StubScript::sequence(vec![]).reply_at(0), StubReply::Allow);
    }

    #[test]
    fn replies_parse_from_cli_names_and_script_files() {
        assert_eq!("http_500".parse::<StubReply>(), Ok(StubReply::Http500));
        assert_eq!(
            "modify_risky".parse::<StubReply>(),
            Ok(StubReply::ModifyRisky)
        );
        assert!("maybe".parse::<StubReply>().is_err());
        let script = StubScript::from_json(
            r#"{"replies": ["allow", {"content": "{}"}], "timeout_sleep_ms": 500}"#,
        )
        .unwrap();
        let bare = StubScript::from_json(r#"["block", "timeout"]"#).unwrap();
        assert_eq!(bare.reply_at(1), StubReply::Timeout);
        assert!(StubScript::from_json(r#"{"replies": ["nope"]}"#).is_err());
        assert_eq!(script.reply_at(1), StubReply::Content("{}".to_owned()));
        assert_eq!(script.sleep_ms(), 500);
        let long = StubScript::always(StubReply::Timeout).with_timeout_sleep_ms(u64::MAX);
        assert_eq!(long.sleep_ms(), MAX_TIMEOUT_SLEEP_MS);
    }
}
