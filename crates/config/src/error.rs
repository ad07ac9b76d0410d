use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ConfigError {
    #[error("CONFIG_UNREADABLE: cannot read {path}: {detail}")]
    Unreadable { path: String, detail: String },
    #[error("CONFIG_PARSE: {detail}")]
    Parse { detail: String },
    #[error("CONFIG_OUT_OF_RANGE: {key} = {value} is outside {allowed}")]
    OutOfRange {
        key: String,
        value: String,
        allowed: String,
    },
    #[error("CONFIG_CROSS_FIELD: {keys}: {rule}")]
    CrossField { keys: String, rule: String },
}
