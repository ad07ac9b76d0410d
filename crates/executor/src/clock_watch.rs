use std::time::{Duration, Instant};

use livespot_binance::RestClient;
use livespot_config::Config;
use livespot_domain::ReasonCode;
use livespot_runtime::ChildLink;

use crate::episode::{Episode, EpisodeSignal};

pub const CLOCK_WATCH_POLL: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockLimits {
    pub degrade_ms: i64,
    pub pause_ms: i64,
}

impl ClockLimits {
    pub fn from_config(config: &Config) -> Self {
        Self {
            degrade_ms: i64::try_from(config.live.max_clock_offset_ms).unwrap_or(i64::MAX),
            pause_ms: i64::try_from(config.venue.recv_window_ms / 2).unwrap_or(i64::MAX),
        }
    }
}

#[derive(Debug)]
pub struct ClockWatch {
    limits: ClockLimits,
    degrade: Episode,
    pause: Episode,
    rejected: Episode,
    seen_rejections: i64,
}

impl ClockWatch {
    pub fn new(limits: ClockLimits) -> Self {
        Self {
            limits,
            degrade: Episode::default(),
            pause: Episode::default(),
            rejected: Episode::default(),
            seen_rejections: 0,
        }
    }

    pub fn observe_sync(
        &mut self,
        skew_ms: i64,
        rejections: i64,
    ) -> Vec<(ReasonCode, EpisodeSignal)> {
        let magnitude = skew_ms.saturating_abs();
        let rejected = rejections > self.seen_rejections;
        self.seen_rejections = rejections;
        [
            (
                ReasonCode::ClockSkewDegrade,
                self.degrade.observe(magnitude > self.limits.degrade_ms),
            ),
            (
                ReasonCode::ClockSkewPause,
                self.pause.observe(magnitude > self.limits.pause_ms),
            ),
            (
                ReasonCode::BinanceClockSkew,
                self.rejected.observe(rejected),
            ),
        ]
        .into_iter()
        .filter_map(|(reason, signal)| signal.map(|signal| (reason, signal)))
        .collect()
    }
}

pub async fn watch_clock(client: RestClient, link: ChildLink, limits: ClockLimits) {
    let interval = Duration::from_millis(client.config().time_sync_interval_ms.max(1));
    let time = std::sync::Arc::clone(client.time_sync());
    let shutdown = link.shutdown();
    let mut watch = ClockWatch::new(limits);
    let mut seen_measurements = time.measurement_count();
    let mut last_own_sync: Option<Instant> = None;
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(CLOCK_WATCH_POLL) => {}
        }
        if last_own_sync.is_none_or(|at| at.elapsed() >= interval) {
            last_own_sync = Some(Instant::now());
            if let Err(error) = client.sync_time().await {
                tracing::warn!(reason = error.reason_code().as_str(), %error, "time sync failed");
            }
        }
        let measurements = time.measurement_count();
        if measurements == seen_measurements {
            continue;
        }
        seen_measurements = measurements;
        let skew_ms = time.skew_ms();
        tracing::debug!(
            skew_ms,
            offset_ms = time.offset_ms(),
            measurements,
            "server time measured"
        );
        let signals = watch.observe_sync(skew_ms, time.timestamp_rejections());
        report_clock(&link, &signals, skew_ms, time.server_clock_rate());
    }
}

fn report_clock(
    link: &ChildLink,
    signals: &[(ReasonCode, EpisodeSignal)],
    skew_ms: i64,
    rate: i64,
) {
    for (reason, signal) in signals {
        match signal {
            EpisodeSignal::Raise => {
                tracing::warn!(
                    reason = reason.as_str(),
                    skew_ms,
                    server_clock_rate = rate,
                    "clock skew condition raised to the launcher"
                );
                link.raise(
                    *reason,
                    format!("clock skew {skew_ms} wall ms at server clock rate {rate}"),
                );
            }
            EpisodeSignal::Clean => link.clean_cycle(*reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raised(signals: &[(ReasonCode, EpisodeSignal)]) -> Vec<ReasonCode> {
        signals
            .iter()
            .filter(|(_, signal)| *signal == EpisodeSignal::Raise)
            .map(|(reason, _)| *reason)
            .collect()
    }

    fn limits() -> ClockLimits {
        ClockLimits {
            degrade_ms: 500,
            pause_ms: 2_500,
        }
    }

    #[test]
    fn skew_at_the_limits_is_clean_and_one_ms_beyond_raises() {
        let mut watch = ClockWatch::new(limits());
        assert!(watch.observe_sync(500, 0).is_empty());
        assert!(watch.observe_sync(-500, 0).is_empty());
        assert_eq!(
            raised(&watch.observe_sync(-501, 0)),
            vec![ReasonCode::ClockSkewDegrade]
        );
        let mut watch = ClockWatch::new(limits());
        assert_eq!(
            raised(&watch.observe_sync(2_500, 0)),
            vec![ReasonCode::ClockSkewDegrade]
        );
        assert_eq!(
            raised(&watch.observe_sync(2_501, 0)),
            vec![ReasonCode::ClockSkewPause]
        );
    }

    #[test]
    fn a_skew_episode_is_raised_once_and_cleared_by_two_clean_syncs() {
        let mut watch = ClockWatch::new(limits());
        assert_eq!(
            raised(&watch.observe_sync(3_000, 0)),
            vec![ReasonCode::ClockSkewDegrade, ReasonCode::ClockSkewPause]
        );
        assert!(watch.observe_sync(3_000, 0).is_empty());
        let first_clean = watch.observe_sync(0, 0);
        assert_eq!(first_clean.len(), 2);
        assert!(first_clean.iter().all(|(_, s)| *s == EpisodeSignal::Clean));
        assert_eq!(watch.observe_sync(0, 0).len(), 2);
        assert!(watch.observe_sync(0, 0).is_empty());
    }

    #[test]
    fn a_timestamp_rejection_counts_as_a_venue_clock_skew_episode() {
        let mut watch = ClockWatch::new(limits());
        assert_eq!(
            raised(&watch.observe_sync(0, 1)),
            vec![ReasonCode::BinanceClockSkew]
        );
        assert!(watch.observe_sync(0, 1).len() == 1);
        assert!(watch.observe_sync(0, 1).len() == 1);
        assert!(watch.observe_sync(0, 1).is_empty());
        assert_eq!(
            raised(&watch.observe_sync(0, 2)),
            vec![ReasonCode::BinanceClockSkew]
        );
    }
}
