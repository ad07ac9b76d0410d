use livespot_domain::{ContractViolation, ProcessRole, ReasonCode};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IpcError {
    #[error("IPC_FRAME_TOO_LARGE: frame of {length} bytes exceeds maximum {max}")]
    FrameTooLarge { length: u64, max: u32 },
    #[error("IPC_TORN_FRAME: connection closed after {received} of {expected} bytes")]
    TornFrame { expected: usize, received: usize },
    #[error("IPC_DECODE_FAILED: {0}")]
    DecodeFailed(String),
    #[error("IPC_ENCODE_FAILED: {0}")]
    EncodeFailed(String),
    #[error("IPC_BAD_VERSION: peer speaks protocol {received}, this build speaks {supported}")]
    BadVersion { received: u16, supported: u16 },
    #[error("IPC_READ_FAILED: {0}")]
    ReadFailed(String),
    #[error("IPC_WRITE_FAILED: {0}")]
    WriteFailed(String),
    #[error("IPC_AUTH_FAILED: {0}")]
    AuthFailed(String),
    #[error("IPC_ROLE_NOT_ALLOWED: role {0} may not connect here")]
    RoleNotAllowed(ProcessRole),
    #[error("IPC_SENDER_MISMATCH: authenticated as {authenticated} but envelope claims {claimed}")]
    SenderMismatch {
        authenticated: ProcessRole,
        claimed: ProcessRole,
    },
    #[error("IPC_SEQ_REGRESSED: received seq {received} after {last}")]
    SequenceRegressed { last: u64, received: u64 },
    #[error("IPC_HANDSHAKE_TIMEOUT: handshake not finished within {0} ms")]
    HandshakeTimeout(u64),
    #[error("IPC_KEY_MISSING: no link key for listener {listener} and connector {connector}")]
    KeyMissing {
        listener: ProcessRole,
        connector: ProcessRole,
    },
    #[error("IPC_KEY_MALFORMED: {0}")]
    KeyMalformed(String),
    #[error("IPC_RUN_DIR_INSECURE: {path} has mode {mode:o}, expected 700")]
    RunDirInsecure { path: String, mode: u32 },
    #[error("IPC_RUN_DIR_FAILED: {0}")]
    RunDirFailed(String),
    #[error("IPC_BIND_FAILED: {0}")]
    BindFailed(String),
    #[error("IPC_CONNECT_FAILED: {0}")]
    ConnectFailed(String),
    #[error("IPC_LISTENER_CLOSED: the accept loop has stopped")]
    ListenerClosed,
    #[error("{0}")]
    ContractViolation(ContractViolation),
}

impl IpcError {
    pub fn from_read(error: &std::io::Error) -> Self {
        Self::ReadFailed(error.to_string())
    }

    pub fn from_write(error: &std::io::Error) -> Self {
        Self::WriteFailed(error.to_string())
    }

    pub fn connection_still_aligned(&self) -> bool {
        matches!(
            self,
            Self::DecodeFailed(_) | Self::BadVersion { .. } | Self::ContractViolation(_)
        )
    }

    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::FrameTooLarge { .. } => ReasonCode::IpcFrameTooLarge,
            Self::TornFrame { .. } => ReasonCode::IpcTornFrame,
            Self::DecodeFailed(_) => ReasonCode::IpcDecodeFailed,
            Self::EncodeFailed(_) => ReasonCode::IpcEncodeFailed,
            Self::BadVersion { .. } => ReasonCode::IpcBadVersion,
            Self::ReadFailed(_) => ReasonCode::IpcReadFailed,
            Self::WriteFailed(_) => ReasonCode::IpcWriteFailed,
            Self::AuthFailed(_) | Self::SenderMismatch { .. } => ReasonCode::IpcAuthFailed,
            Self::RoleNotAllowed(_) => ReasonCode::IpcRoleNotAllowed,
            Self::SequenceRegressed { .. } => ReasonCode::IpcContractViolation,
            Self::HandshakeTimeout(_) => ReasonCode::IpcHandshakeTimeout,
            Self::KeyMissing { .. } | Self::KeyMalformed(_) => ReasonCode::IpcKeyMissing,
            Self::RunDirInsecure { .. } => ReasonCode::IpcRunDirInsecure,
            Self::RunDirFailed(_) => ReasonCode::IpcRunDirFailed,
            Self::BindFailed(_) => ReasonCode::IpcBindFailed,
            Self::ConnectFailed(_) => ReasonCode::IpcConnectFailed,
            Self::ListenerClosed => ReasonCode::IpcListenerClosed,
            Self::ContractViolation(violation) => violation.reason,
        }
    }
}

impl From<ContractViolation> for IpcError {
    fn from(violation: ContractViolation) -> Self {
        Self::ContractViolation(violation)
    }
}
