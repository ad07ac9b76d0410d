use livespot_pipeline::PipelineError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReplayError {
    #[error("cannot read {path}: {detail}")]
    ReadKlines { path: String, detail: String },
    #[error("{path}: {source}")]
    ParseKlines { path: String, source: PipelineError },
    #[error("no symbol in file name {path}: expected <SYMBOL>-<interval>-...csv")]
    SymbolFromPath { path: String },
    #[error("{path}: no complete {interval_minutes}m bars")]
    NoBars { path: String, interval_minutes: u32 },
    #[error("no kline files given")]
    NoInput,
    #[error("symbol {symbol} given twice")]
    DuplicateSymbol { symbol: String },
    #[error("decision interval must be 1..=60 minutes, got {minutes}")]
    Interval { minutes: u32 },
    #[error("equity must be above 0 and at most 1e15, got {equity}")]
    Equity { equity: String },
    #[error("{symbol}: cumulative quote volume overflows")]
    VolumeOverflow { symbol: String },
    #[error("cannot write output: {detail}")]
    Output { detail: String },
    #[error("cannot encode output line: {detail}")]
    Encode { detail: String },
}

impl ReplayError {
    pub fn reason_code(&self) -> &'static str {
        match self {
            Self::ReadKlines { .. } => "REPLAY_READ_FAILED",
            Self::ParseKlines { source, .. } => source.reason_code(),
            Self::SymbolFromPath { .. } => "REPLAY_SYMBOL_FROM_PATH",
            Self::NoBars { .. } => "REPLAY_NO_BARS",
            Self::NoInput => "REPLAY_NO_INPUT",
            Self::DuplicateSymbol { .. } => "REPLAY_DUPLICATE_SYMBOL",
            Self::Interval { .. } => "REPLAY_INTERVAL_INVALID",
            Self::Equity { .. } => "REPLAY_EQUITY_INVALID",
            Self::VolumeOverflow { .. } => "REPLAY_VOLUME_OVERFLOW",
            Self::Output { .. } => "REPLAY_OUTPUT_FAILED",
            Self::Encode { .. } => "REPLAY_ENCODE_FAILED",
        }
    }
}
