use livespot_domain::ReasonCode;

#[derive(Debug, thiserror::Error)]
pub enum MarketdataError {
    #[error("venue endpoints unknown: {detail}")]
    VenueUnknown { detail: String },
    #[error("REST client setup failed: {detail}")]
    RestSetup { detail: String },
    #[error("snapshot listener failed: {detail}")]
    Listen { detail: String },
    #[error("snapshot encode failed: {detail}")]
    Encode { detail: String },
}

impl MarketdataError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::VenueUnknown { .. } => ReasonCode::ConfigOutOfRange,
            Self::RestSetup { .. } => ReasonCode::RestStaleDegrade,
            Self::Listen { .. } => ReasonCode::IpcBindFailed,
            Self::Encode { .. } => ReasonCode::IpcEncodeFailed,
        }
    }
}
