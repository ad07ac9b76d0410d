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
