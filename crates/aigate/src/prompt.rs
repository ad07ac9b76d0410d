use std::path::Path;
use std::str::FromStr;

use serde_json::Value;

use livespot_domain::{ContractViolation, ReasonCode, sha256_hex};

use crate::error::SetupError;
use crate::prompt_input::{PLACEHOLDERS, PromptFacts};

pub const ENTRY_GATE_VERSION: &str = "entry_gate/v1";
pub const SYSTEM_FILE: &str = "system.txt";
pub const USER_FILE: &str = "user.txt";
pub const SCHEMA_FILE: &str = "schema.json";

const BUILTIN_SYSTEM: &str = include_str!("../../../prompts/entry_gate/v1/system.txt");
const BUILTIN_USER: &str = include_str!("../../../prompts/entry_gate/v1/user.txt");
const BUILTIN_SCHEMA: &str = include_str!("../../../prompts/entry_gate/v1/schema.json");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptSet {
    version: String,
    system: String,
    user: String,
    schema: Value,
    allowed_reasons: Vec<ReasonCode>,
    hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPrompt {
    pub system: String,
    pub user: String,
}

impl PromptSet {
    pub fn builtin() -> Result<Self, SetupError> {
        Self::from_parts(
            ENTRY_GATE_VERSION,
            BUILTIN_SYSTEM,
            BUILTIN_USER,
            BUILTIN_SCHEMA,
        )
    }

    pub fn load(prompts_root: &Path, version: &str) -> Result<Self, SetupError> {
        let dir = prompts_root.join(version);
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|error| SetupError::PromptUnreadable {
                path: path.display().to_string(),
                detail: error.to_string(),
            })
        };
        Self::from_parts(
            version,
            &read(SYSTEM_FILE)?,
            &read(USER_FILE)?,
            &read(SCHEMA_FILE)?,
        )
    }

    pub fn from_parts(
        version: &str,
        system: &str,
        user: &str,
        schema_text: &str,
    ) -> Result<Self, SetupError> {
        let schema: Value =
            serde_json::from_str(schema_text).map_err(|error| SetupError::SchemaNotJson {
                detail: error.to_string(),
            })?;
        let allowed_reasons = allowed_reasons(&schema)?;
        check_placeholders(system)?;
        check_placeholders(user)?;
        let hash = sha256_hex(format!("{system}{user}{schema_text}").as_bytes());
        Ok(Self {
            version: version.to_owned(),
            system: system.to_owned(),
            user: user.to_owned(),
            schema,
            allowed_reasons,
            hash,
        })
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    pub fn schema(&self) -> &Value {
        &self.schema
    }

    pub fn schema_name(&self) -> String {
        self.version.replace(['/', '.'], "_")
    }

    pub fn allowed_reasons(&self) -> &[ReasonCode] {
        &self.allowed_reasons
    }

    pub fn render(&self, facts: &PromptFacts) -> Result<RenderedPrompt, ContractViolation> {
        let values = facts.values()?;
        let fill = |template: &str| {
            PLACEHOLDERS
                .iter()
                .zip(values.iter())
                .fold(template.to_owned(), |text, (name, value)| {
                    text.replace(&format!("{{{{{name}}}}}"), value)
                })
        };
        Ok(RenderedPrompt {
            system: fill(&self.system),
            user: fill(&self.user),
        })
    }
}

fn allowed_reasons(schema: &Value) -> Result<Vec<ReasonCode>, SetupError> {
    let listed = schema
        .pointer("/properties/reason_codes/items/enum")
        .and_then(Value::as_array)
        .ok_or_else(|| SetupError::SchemaNotJson {
            detail: "properties.reason_codes.items.enum is missing".to_owned(),
        })?;
    listed
        .iter()
        .map(|item| {
            let text = item.as_str().unwrap_or_default();
            ReasonCode::from_str(text).map_err(|_| SetupError::SchemaReasonUnknown {
                code: text.to_owned(),
            })
        })
        .collect()
}

fn check_placeholders(template: &str) -> Result<(), SetupError> {
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or(after.len());
        let name = &after[..end];
        if !PLACEHOLDERS.contains(&name) {
            return Err(SetupError::PlaceholderUnknown {
                name: name.to_owned(),
            });
        }
        rest = after.get(end + 2..).unwrap_or_default();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn prompts_root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../prompts")
    }

    #[test]
    fn the_builtin_prompt_is_the_one_in_the_prompts_directory() {
        let builtin = PromptSet::builtin().unwrap();
        let loaded = PromptSet::load(&prompts_root(), ENTRY_GATE_VERSION).unwrap();
        assert_eq!(builtin, loaded);
        assert_eq!(builtin.version(), "entry_gate/v1");
        assert_eq!(builtin.schema_name(), "entry_gate_v1");
    }

    #[test]
    fn the_prompt_hash_is_stable_and_covers_template_and_schema() {
        let first = PromptSet::builtin().unwrap();
        let second = PromptSet::builtin().unwrap();
        assert_eq!(first.hash(), second.hash());
        let expected =
            sha256_hex(format!("{BUILTIN_SYSTEM}{BUILTIN_USER}{BUILTIN_SCHEMA}").as_bytes());
        assert_eq!(first.hash(), expected);
        let edited_schema = BUILTIN_SCHEMA.replacen("AI_BLOCKED", "EDGE_BELOW_MIN", 1);
        let other = PromptSet::from_parts("v", BUILTIN_SYSTEM, BUILTIN_USER, &edited_schema);
        assert_ne!(other.unwrap().hash(), first.hash());
        let edited_user = format!("{BUILTIN_USER} ");
        let other = PromptSet::from_parts("v", BUILTIN_SYSTEM, &edited_user, BUILTIN_SCHEMA);
        assert_ne!(other.unwrap().hash(), first.hash());
    }

    #[test]
    fn every_placeholder_is_used_and_an_unknown_one_is_refused() {
        for name in PLACEHOLDERS {
            assert!(BUILTIN_USER.contains(&format!("{{{{{name}}}}}")), "{name}");
        }
        let refused = PromptSet::from_parts("v", "{{api_key}}", BUILTIN_USER, BUILTIN_SCHEMA);
        assert_eq!(refused.unwrap_err().reason(), ReasonCode::ConfigParse);
    }

    #[test]
    fn the_schema_lists_only_known_reason_codes() {
        let allowed = PromptSet::builtin().unwrap().allowed_reasons().to_vec();
        assert!(allowed.contains(&ReasonCode::AiBlocked));
        let bad = BUILTIN_SCHEMA.replacen("AI_BLOCKED", "AI_FEELS_BAD", 1);
        let refused = PromptSet::from_parts("v", BUILTIN_SYSTEM, BUILTIN_USER, &bad);
        assert_eq!(
            refused.unwrap_err(),
            SetupError::SchemaReasonUnknown {
                code: "AI_FEELS_BAD".to_owned()
            }
        );
    }
}
