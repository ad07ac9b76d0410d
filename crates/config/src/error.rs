use livespot_domain::ReasonCode;
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ConfigError {
    #[error("CONFIG_UNREADABLE: cannot read {path}: {detail}")]
    Unreadable { path: String, detail: String },
    #[error("CONFIG_PARSE: {key}{at}: {detail}")]
    Parse {
        key: String,
        at: String,
        detail: String,
    },
    #[error("CONFIG_UNKNOWN_KEY: unknown key `{key}`{at}; {allowed}")]
    UnknownKey {
        key: String,
        at: String,
        allowed: String,
    },
    #[error("CONFIG_OUT_OF_RANGE: {key} = {value} is outside the allowed range {allowed}")]
    OutOfRange {
        key: String,
        value: String,
        allowed: String,
    },
    #[error("CONFIG_CROSS_FIELD: {keys}: {rule}")]
    CrossField { keys: String, rule: String },
}

impl ConfigError {
    pub const fn reason(&self) -> ReasonCode {
        match self {
            Self::Unreadable { .. } => ReasonCode::ConfigUnreadable,
            Self::Parse { .. } => ReasonCode::ConfigParse,
            Self::UnknownKey { .. } => ReasonCode::ConfigUnknownKey,
            Self::OutOfRange { .. } => ReasonCode::ConfigOutOfRange,
            Self::CrossField { .. } => ReasonCode::ConfigCrossField,
        }
    }

    pub const fn reason_code(&self) -> &'static str {
        self.reason().as_str()
    }

    pub fn key(&self) -> &str {
        match self {
            Self::Unreadable { path, .. } => path,
            Self::Parse { key, .. }
            | Self::UnknownKey { key, .. }
            | Self::OutOfRange { key, .. } => key,
            Self::CrossField { keys, .. } => keys,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_starts_with_the_reason_code_of_the_variant() {
        let errors = [
            ConfigError::Unreadable {
                path: "p".to_owned(),
                detail: "d".to_owned(),
            },
            ConfigError::Parse {
                key: "a.b".to_owned(),
                at: String::new(),
                detail: "d".to_owned(),
            },
            ConfigError::UnknownKey {
                key: "a.b".to_owned(),
                at: " (line 3)".to_owned(),
                allowed: "x".to_owned(),
            },
            ConfigError::OutOfRange {
                key: "a.b".to_owned(),
                value: "9".to_owned(),
                allowed: "1..=2".to_owned(),
            },
            ConfigError::CrossField {
                keys: "a.b / a.c".to_owned(),
                rule: "r".to_owned(),
            },
        ];
        let codes: Vec<&str> = errors.iter().map(ConfigError::reason_code).collect();
        assert_eq!(
            codes,
            [
                "CONFIG_UNREADABLE",
                "CONFIG_PARSE",
                "CONFIG_UNKNOWN_KEY",
                "CONFIG_OUT_OF_RANGE",
                "CONFIG_CROSS_FIELD"
            ]
        );
        for error in &errors {
            assert!(
                error.to_string().starts_with(error.reason_code()),
                "{error}"
            );
        }
        assert_eq!(errors[2].key(), "a.b");
    }
}
