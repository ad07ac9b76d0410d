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
    pub const fn reason_code(&self) -> &'static str {
        match self {
            Self::Unreadable { .. } => "CONFIG_UNREADABLE",
            Self::Parse { .. } => "CONFIG_PARSE",
            Self::UnknownKey { .. } => "CONFIG_UNKNOWN_KEY",
            Self::OutOfRange { .. } => "CONFIG_OUT_OF_RANGE",
            Self::CrossField { .. } => "CONFIG_CROSS_FIELD",
        }
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
