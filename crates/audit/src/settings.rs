use std::time::Duration;

use livespot_config::{CheckpointMode, Config};
use livespot_ipc::{FrameLimits, IpcLimits};

use crate::checkpoint::{CheckpointKind, CheckpointPolicy, PeriodicCheckpoint};
use crate::disk::DiskThresholds;
use crate::queue::QueueConfig;
use crate::server::ServerConfig;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditSettings {
    pub queue: QueueConfig,
    pub server: ServerConfig,
    pub checkpoint: CheckpointPolicy,
    pub disk: DiskThresholds,
    pub health_interval: Duration,
    pub queue_alert_pct: u64,
    pub ipc: IpcLimits,
}

impl AuditSettings {
    pub fn from_config(config: &Config) -> Self {
        let batch_size = usize::try_from(config.audit.batch_size).unwrap_or(1);
        let wal_max = config.disk.audit_wal_max_bytes;
        Self {
            queue: QueueConfig {
                capacity: usize::try_from(config.audit.queue_capacity).unwrap_or(batch_size),
                batch_size,
            },
            server: ServerConfig { batch_size },
            checkpoint: CheckpointPolicy {
                passive_above_bytes: wal_max / 4,
                truncate_above_bytes: wal_max,
                periodic: Some(PeriodicCheckpoint {
                    every: Duration::from_millis(config.audit.checkpoint_interval_ms),
                    kind: match config.audit.checkpoint_mode {
                        CheckpointMode::Passive => CheckpointKind::Passive,
                        CheckpointMode::Full => CheckpointKind::Full,
                        CheckpointMode::Restart => CheckpointKind::Restart,
                        CheckpointMode::Truncate => CheckpointKind::Truncate,
                    },
                }),
            },
            disk: DiskThresholds::from_mib(
                config.disk.degrade_free_mib,
                config.disk.pause_free_mib,
            ),
            health_interval: Duration::from_millis(config.disk.check_interval_ms),
            queue_alert_pct: u64::from(config.audit.queue_alert_pct),
            ipc: IpcLimits {
                frame: FrameLimits {
                    max_frame_bytes: config.ipc.max_frame_bytes,
                },
                handshake_timeout: Duration::from_millis(config.ipc.handshake_timeout_ms),
                ..IpcLimits::default()
            },
        }
    }
}
