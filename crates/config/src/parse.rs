use serde::de::DeserializeOwned;

use crate::ConfigError;

const UNKNOWN_FIELD_PREFIX: &str = "unknown field";

pub fn parse_document<T: DeserializeOwned>(text: &str) -> Result<T, ConfigError> {
    let deserializer = toml::Deserializer::parse(text).map_err(|error| ConfigError::Parse {
        key: located_key("(document)", text, error.span()),
        detail: error.message().to_owned(),
    })?;
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let key = dotted_key(&error.path().to_string());
        let inner = error.into_inner();
        let message = inner.message();
        let location = located_key(&key, text, inner.span());
        if message.starts_with(UNKNOWN_FIELD_PREFIX) {
            return ConfigError::UnknownKey {
                key: location,
                allowed: allowed_part(message),
            };
        }
        ConfigError::Parse {
            key: location,
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

fn located_key(key: &str, text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(span) if span.start <= text.len() => {
            let line = text
                .get(..span.start)
                .map_or(0, |before| before.matches('\n').count() + 1);
            format!("{key} (line {line})")
        }
        _ => key.to_owned(),
    }
}

fn allowed_part(message: &str) -> String {
    message.split_once(", ").map_or_else(
        || "no keys are allowed here".to_owned(),
        |(_, rest)| rest.to_owned(),
    )
}
