use std::time::Duration;

use crate::{BackoffPolicy, FailPolicy, Severity};

pub const BACKOFF_JITTER_PERCENT: u64 = 20;
pub const MIN_STARTUP_TIMEOUT_MS: u64 = 10_000;

#[derive(Debug, Clone)]
pub struct SupervisorSettings {
    pub heartbeat_interval_ms: u64,
    pub heartbeat_timeout_ms: u64,
    pub backoff: BackoffPolicy,
    pub crash_loop_restarts: usize,
    pub crash_loop_window_ms: i64,
    pub startup_timeout_ms: u64,
    pub stop_grace_ms: u64,
    pub fail_policy: FailPolicy,
    pub require_live_lock: bool,
    pub panel_port: u16,
}

impl Default for SupervisorSettings {
    fn default() -> Self {
        Self {
            heartbeat_interval_ms: 250,
            heartbeat_timeout_ms: 3_000,
            backoff: BackoffPolicy {
                initial_ms: 200,
                max_ms: 5_000,
                jitter_percent: 20,
            },
            crash_loop_restarts: 4,
            crash_loop_window_ms: 60_000,
            startup_timeout_ms: 15_000,
            stop_grace_ms: 5_000,
            fail_policy: FailPolicy::default(),
            require_live_lock: true,
            panel_port: 0,
        }
    }
}

impl SupervisorSettings {
    pub fn supervision_tick(&self) -> Duration {
        Duration::from_millis(self.heartbeat_interval_ms.max(50))
    }

    pub fn stop_grace(&self) -> Duration {
        Duration::from_millis(self.stop_grace_ms)
    }
}

impl SupervisorSettings {
    pub fn from_config(config: &livespot_config::Config) -> Self {
        let rules = config
            .fail_policy
            .entries()
            .map(|(reason, action)| {
                let severity = match action {
                    livespot_config::FailAction::Degrade => Severity::Degrade,
                    livespot_config::FailAction::Pause => Severity::Pause,
                };
                (reason, severity)
            })
            .collect();
        let supervisor = &config.supervisor;
        Self {
            heartbeat_interval_ms: config.ipc.heartbeat_interval_ms,
            heartbeat_timeout_ms: config.ipc.silent_timeout_ms,
            backoff: BackoffPolicy {
                initial_ms: supervisor.restart_backoff_base_ms,
                max_ms: supervisor.restart_backoff_max_ms,
                jitter_percent: BACKOFF_JITTER_PERCENT,
            },
            crash_loop_restarts: usize::try_from(supervisor.crash_loop_restarts)
                .unwrap_or(usize::MAX),
            crash_loop_window_ms: i64::try_from(
                supervisor.crash_loop_window_secs.saturating_mul(1_000),
            )
            .unwrap_or(i64::MAX),
            startup_timeout_ms: config.ipc.silent_timeout_ms.max(MIN_STARTUP_TIMEOUT_MS),
            stop_grace_ms: supervisor.shutdown_grace_ms,
            fail_policy: FailPolicy::from_rules(rules),
            require_live_lock: config.live.require_lock_file,
            panel_port: config.panel.port,
        }
    }
}
