use thiserror::Error;

#[derive(Debug, Error)]
pub enum RuntimeError {
    #[error("RUN_KEYS_MISSING: stdin closed before the run keys line")]
    RunKeysMissing,
    #[error("RUN_KEYS_READ_FAILED: {detail}")]
    RunKeysRead { detail: String },
    #[error("RUN_KEYS_TOO_LARGE: {bytes} bytes")]
    RunKeysTooLarge { bytes: usize },
    #[error("RUN_KEYS_DECODE_FAILED: {detail}")]
    RunKeysDecode { detail: String },
    #[error("RUN_KEYS_ENCODE_FAILED: {detail}")]
    RunKeysEncode { detail: String },
    #[error("RUN_KEYS_WRONG_ROLE: expected {expected}, found {found}")]
    RunKeysWrongRole { expected: String, found: String },
    #[error("LOG_DIR_UNWRITABLE: {path}: {detail}")]
    LogDir { path: String, detail: String },
    #[error("LOG_INIT_FAILED: {detail}")]
    LogInit { detail: String },
    #[error("TOKIO_RUNTIME_FAILED: {detail}")]
    TokioRuntime { detail: String },
    #[error("CONTROL_LINE_DECODE_FAILED: {detail}")]
    ControlDecode { detail: String },
    #[error("CONTROL_LINE_ENCODE_FAILED: {detail}")]
    ControlEncode { detail: String },
    #[error("SECRET_MISSING: {name} is in neither the keyring, the environment nor .env")]
    SecretMissing { name: &'static str },
    #[error("KEYRING_FAILED: {detail}")]
    Keyring { detail: String },
}

impl RuntimeError {
    pub fn reason_code(&self) -> &'static str {
        match self {
            Self::RunKeysMissing => "RUN_KEYS_MISSING",
            Self::RunKeysRead { .. } => "RUN_KEYS_READ_FAILED",
            Self::RunKeysTooLarge { .. } => "RUN_KEYS_TOO_LARGE",
            Self::RunKeysDecode { .. } => "RUN_KEYS_DECODE_FAILED",
            Self::RunKeysEncode { .. } => "RUN_KEYS_ENCODE_FAILED",
            Self::RunKeysWrongRole { .. } => "RUN_KEYS_WRONG_ROLE",
            Self::LogDir { .. } => "LOG_DIR_UNWRITABLE",
            Self::LogInit { .. } => "LOG_INIT_FAILED",
            Self::TokioRuntime { .. } => "TOKIO_RUNTIME_FAILED",
            Self::ControlDecode { .. } => "CONTROL_LINE_DECODE_FAILED",
            Self::ControlEncode { .. } => "CONTROL_LINE_ENCODE_FAILED",
            Self::SecretMissing { .. } => "SECRET_MISSING",
            Self::Keyring { .. } => "KEYRING_FAILED",
        }
    }
}
