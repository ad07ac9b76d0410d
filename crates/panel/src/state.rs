use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use livespot_config::Config;
use livespot_config::sections::fail_policy::FailAction;
use livespot_domain::{Clock, SysMode};
use livespot_risk::rules::limits::RiskLimits;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::mode_watch::ModeObserver;
use crate::severity::Severity;
use crate::topn_view::SelectionLimits;

pub const MIN_POLL_INTERVAL: Duration = Duration::from_secs(1);
pub const MIB: u64 = 1024 * 1024;

#[derive(Clone)]
pub struct PanelClock(pub Arc<dyn Clock>);

impl std::fmt::Debug for PanelClock {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "PanelClock({})", self.0.now_ms())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskLimits {
    pub warn_below_bytes: u64,
    pub crit_below_bytes: u64,
}

#[derive(Debug, Clone)]
pub struct PanelState {
    pub db_path: PathBuf,
    pub mode_label: &'static str,
    pub venue_clock_scale: u32,
    pub run_id: String,
    pub sys_mode: watch::Receiver<SysMode>,
    pub served_hosts: Arc<[String]>,
    pub poll_interval: Duration,
    pub shutdown: CancellationToken,
    pub severities: Arc<BTreeMap<String, Severity>>,
    pub disk: DiskLimits,
    pub clock: PanelClock,
    pub mode_observer: ModeObserver,
    pub risk_limits: Arc<RiskLimits>,
    pub selection_limits: SelectionLimits,
}

#[derive(Debug)]
pub struct PanelSettings {
    pub db_path: PathBuf,
    pub mode_label: &'static str,
    pub venue_clock_scale: u32,
    pub run_id: String,
    pub sys_mode: watch::Receiver<SysMode>,
    pub served_hosts: Vec<String>,
    pub shutdown: CancellationToken,
    pub clock: PanelClock,
}

impl PanelState {
    pub fn new(settings: PanelSettings, config: &Config) -> Self {
        let severities = config
            .fail_policy
            .actions
            .iter()
            .map(|(code, action)| {
                let severity = match action {
                    FailAction::Pause => Severity::Crit,
                    FailAction::Degrade => Severity::Warn,
                };
                (code.clone(), severity)
            })
            .collect();
        let poll = Duration::from_millis(config.panel.refresh_interval_ms).max(MIN_POLL_INTERVAL);
        Self {
            db_path: settings.db_path,
            mode_label: settings.mode_label,
            venue_clock_scale: settings.venue_clock_scale,
            run_id: settings.run_id,
            sys_mode: settings.sys_mode,
            served_hosts: settings.served_hosts.into(),
            poll_interval: poll,
            shutdown: settings.shutdown,
            severities: Arc::new(severities),
            disk: DiskLimits {
                warn_below_bytes: config.disk.degrade_free_mib.saturating_mul(MIB),
                crit_below_bytes: config.disk.pause_free_mib.saturating_mul(MIB),
            },
            clock: settings.clock,
            mode_observer: ModeObserver::default(),
            risk_limits: Arc::new(RiskLimits::from_config(config)),
            selection_limits: SelectionLimits {
                watchlist_top_k: config.universe.watchlist_top_k,
                deep_scan_top_n: config.universe.deep_scan_top_n,
                max_pairwise_correlation: config.universe.max_pairwise_correlation,
                churn_margin_x10000: config.universe.churn_margin_score,
            },
        }
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.0.now_ms()
    }

    pub fn current_sys_mode(&self) -> SysMode {
        *self.sys_mode.borrow()
    }

    pub fn severity_of(&self, reason_code: &str) -> Severity {
        self.severities
            .get(reason_code)
            .copied()
            .unwrap_or_else(|| Severity::from_code_name(reason_code))
    }
}
