use livespot_domain::ReasonCode;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoctorError {
    #[error("DOCTOR_CREDENTIALS_FILE_INVALID: {path}: {detail}")]
    CredentialsFile { path: String, detail: String },
    #[error("DOCTOR_ENDPOINTS_UNREADABLE: {path}: {detail}")]
    Endpoints { path: String, detail: String },
}

impl DoctorError {
    pub const fn reason(&self) -> ReasonCode {
        match self {
            Self::CredentialsFile { .. } => ReasonCode::DoctorCredentialsFileInvalid,
            Self::Endpoints { .. } => ReasonCode::DoctorEndpointsUnreadable,
        }
    }
}
