use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum VenueError {
    #[error("VENUE_BIND_FAILED: cannot bind 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("VENUE_EXCHANGE_INFO_READ: cannot read {path}: {source}")]
    ExchangeInfoRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("VENUE_EXCHANGE_INFO_PARSE: {detail}")]
    ExchangeInfoParse { detail: String },
    #[error("VENUE_REPLAY_LOAD: {path}: {detail}")]
    ReplayLoad { path: PathBuf, detail: String },
    #[error("VENUE_ACCOUNT_INVALID: {detail}")]
    AccountInvalid { detail: String },
}

impl VenueError {
    pub const fn reason_code(&self) -> &'static str {
        match self {
            Self::Bind { .. } => "VENUE_BIND_FAILED",
            Self::ExchangeInfoRead { .. } => "VENUE_EXCHANGE_INFO_READ",
            Self::ExchangeInfoParse { .. } => "VENUE_EXCHANGE_INFO_PARSE",
            Self::ReplayLoad { .. } => "VENUE_REPLAY_LOAD",
            Self::AccountInvalid { .. } => "VENUE_ACCOUNT_INVALID",
        }
    }
}
