use std::time::Duration;

use crate::frame::FrameLimits;

pub const DEFAULT_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(2);
pub const DEFAULT_MAX_PENDING_HANDSHAKES: usize = 32;
pub const DEFAULT_ACCEPT_QUEUE: usize = 16;
pub const DEFAULT_REJECTION_QUEUE: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpcLimits {
    pub frame: FrameLimits,
    pub handshake_timeout: Duration,
    pub max_pending_handshakes: usize,
}

impl Default for IpcLimits {
    fn default() -> Self {
        Self {
            frame: FrameLimits::default(),
            handshake_timeout: DEFAULT_HANDSHAKE_TIMEOUT,
            max_pending_handshakes: DEFAULT_MAX_PENDING_HANDSHAKES,
        }
    }
}
