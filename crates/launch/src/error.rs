use thiserror::Error;

#[derive(Debug, Error)]
pub enum LaunchError {
    #[error("SPAWN_FAILED: {process}: {detail}")]
    Spawn { process: String, detail: String },
    #[error("SIM_START_FAILED: {detail}")]
    SimStart { detail: String },
    #[error("SIM_CREDENTIALS_INVALID: {path}: {detail}")]
    SimCredentials { path: String, detail: String },
    #[error("RUN_DIR_FAILED: {path}: {detail}")]
    RunDir { path: String, detail: String },
    #[error("ENDPOINTS_WRITE_FAILED: {path}: {detail}")]
    Endpoints { path: String, detail: String },
    #[error("RUN_ID_INVALID: {detail}")]
    RunId { detail: String },
    #[error("STARTUP_TIMEOUT: {process} did not report ready")]
    StartupTimeout { process: String },
    #[error("LIVE_REFUSED: {reasons}")]
    LiveRefused { reasons: String },
    #[error("MODE_CONFLICT: give exactly one of --sim or --live")]
    ModeConflict,
    #[error("SECRET_STORE_FAILED: {detail}")]
    SecretStore { detail: String },
    #[error("SECRET_INPUT_FAILED: {detail}")]
    SecretInput { detail: String },
    #[error("OPERATOR_PAUSE_FILE_FAILED: {path}: {detail}")]
    OperatorPause { path: String, detail: String },
}

impl LaunchError {
    pub fn reason_code(&self) -> &'static str {
        match self {
            Self::Spawn { .. } => "SPAWN_FAILED",
            Self::SimStart { .. } => "SIM_START_FAILED",
            Self::SimCredentials { .. } => "SIM_CREDENTIALS_INVALID",
            Self::RunDir { .. } => "RUN_DIR_FAILED",
            Self::Endpoints { .. } => "ENDPOINTS_WRITE_FAILED",
            Self::RunId { .. } => "RUN_ID_INVALID",
            Self::StartupTimeout { .. } => "STARTUP_TIMEOUT",
            Self::LiveRefused { .. } => "LIVE_REFUSED",
            Self::ModeConflict => "MODE_CONFLICT",
            Self::SecretStore { .. } => "SECRET_STORE_FAILED",
            Self::SecretInput { .. } => "SECRET_INPUT_FAILED",
            Self::OperatorPause { .. } => "OPERATOR_PAUSE_FILE_FAILED",
        }
    }
}
