use std::collections::BTreeMap;
use std::str::FromStr;

use livespot_domain::ReasonCode;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::check::cross;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FailAction {
    Degrade,
    Pause,
}

impl FailAction {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Degrade => "DEGRADE",
            Self::Pause => "PAUSE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FailPolicy {
    pub actions: BTreeMap<String, FailAction>,
}

impl FailPolicy {
    pub fn action_for(&self, reason_code: ReasonCode) -> Option<FailAction> {
        self.actions.get(reason_code.as_str()).copied()
    }

    pub fn entries(&self) -> impl Iterator<Item = (ReasonCode, FailAction)> + '_ {
        self.actions.iter().filter_map(|(code, action)| {
            ReasonCode::from_str(code)
                .ok()
                .map(|known| (known, *action))
        })
    }

    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        for (code, action) in &self.actions {
            let key = format!("fail_policy.{code}");
            crate::reason_codes::known_reason_code(&key, code)?;
            check_name_agrees(&key, code, *action)?;
        }
        Ok(())
    }
}

fn check_name_agrees(key: &str, code: &str, action: FailAction) -> Result<(), ConfigError> {
    let named = if code.ends_with("_PAUSE") {
        Some(FailAction::Pause)
    } else if code.ends_with("_DEGRADE") {
        Some(FailAction::Degrade)
    } else {
        None
    };
    cross(
        named.is_none_or(|expected| expected == action),
        &[key],
        &format!(
            "{code} names its own mode; {key} must be {}",
            named.map_or("", FailAction::as_str)
        ),
    )
}
