use serde::de::DeserializeOwned;

use crate::ConfigError;

const UNKNOWN_FIELD_PREFIX: &str = "unknown field";

pub fn parse_document<T: DeserializeOwned>(text: &str) -> Result<T, ConfigError> {
    let deserializer = toml::Deserializer::parse(text).map_err(|error| ConfigError::Parse {
        key: "(document)".to_owned(),
        at: line_of(text, error.span()),
        detail: error.message().to_owned(),
    })?;
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let key = dotted_key(&error.path().to_string());
        let inner = error.into_inner();
        let message = inner.message();
        let at = line_of(text, inner.span());
        if message.starts_with(UNKNOWN_FIELD_PREFIX) {
            return ConfigError::UnknownKey {
                key,
                at,
                allowed: allowed_part(message),
            };
        }
        ConfigError::Parse {
            key,
            at,
            detail: message.to_owned(),
        }
    })
}

fn dotted_key(path: &str) -> String {
    if path.is_empty() || path == "." {
        return "(top level)".to_owned();
    }
    path.to_owned()
}

fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    span.and_then(|span| text.get(..span.start))
        .map_or_else(String::new, |before| {
            format!(" (line {})", before.matches('\n').count() + 1)
        })
}

fn allowed_part(message: &str) -> String {
    message.split_once(", ").map_or_else(
        || "no keys are allowed here".to_owned(),
        |(_, rest)| rest.to_owned(),
    )
}
