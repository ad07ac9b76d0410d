use std::sync::Arc;
use std::time::{Duration, Instant};

use livespot_binance::streams::health::StreamHealth;
use livespot_domain::ReasonCode;
use livespot_runtime::ChildLink;

use crate::ConditionTracker;
use crate::health_report::HealthReporter;
use crate::rest_feed::{SharedStore, lock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
    pub ws_silent: Option<Duration>,
    pub ws_connected: bool,
    pub rest_age: Option<Duration>,
    pub rest_latency: Option<Duration>,
    pub running_for: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub ws_stale: Duration,
    pub rest_stale: Duration,
    pub rest_latency_max: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdicts {
    pub ws_stale: bool,
    pub rest_stale: bool,
    pub rest_slow: bool,
}

pub fn judge(observation: &Observation, limits: &Limits) -> Verdicts {
    let past_grace = |limit: Duration| observation.running_for >= limit;
    let ws_stale = past_grace(limits.ws_stale)
        && (!observation.ws_connected
            || observation
                .ws_silent
                .is_some_and(|silent| silent >= limits.ws_stale));
    let rest_stale = match observation.rest_age {
        Some(age) => age >= limits.rest_stale,
        None => past_grace(limits.rest_stale),
    };
    let rest_slow = observation
        .rest_latency
        .is_some_and(|latency| latency > limits.rest_latency_max);
    Verdicts {
        ws_stale,
        rest_stale,
        rest_slow,
    }
}

pub struct HealthLoop {
    pub store: SharedStore,
    pub streams: Arc<StreamHealth>,
    pub limits: Limits,
    pub interval: Duration,
    pub link: ChildLink,
    pub reporter: Option<HealthReporter>,
}

impl HealthLoop {
    fn observe(&self, started: Instant) -> Observation {
        let ws_silent = self
            .streams
            .ages()
            .into_iter()
            .map(|age| age.silent_for)
            .max();
        let store = lock(&self.store);
        Observation {
            ws_silent,
            ws_connected: self.streams.is_connected(),
            rest_age: store.rest_ok_at.map(|at| at.elapsed()),
            rest_latency: store.rest_latency,
            running_for: started.elapsed(),
        }
    }

    pub async fn run(mut self) {
        let started = Instant::now();
        let mut ws = ConditionTracker::new(ReasonCode::WsStaleDegrade);
        let mut rest = ConditionTracker::new(ReasonCode::RestStaleDegrade);
        let mut latency = ConditionTracker::new(ReasonCode::RestLatencyDegrade);
        let mut ticker = tokio::time::interval(self.interval);
        let shutdown = self.link.shutdown();
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                _ = ticker.tick() => {}
            }
            let observation = self.observe(started);
            let verdicts = judge(&observation, &self.limits);
            if let Some(reporter) = self.reporter.as_mut() {
                reporter.observe(&observation);
            }
            let detail = format!("{observation:?}");
            ws.report(verdicts.ws_stale, &detail, &self.link);
            rest.report(verdicts.rest_stale, &detail, &self.link);
            latency.report(verdicts.rest_slow, &detail, &self.link);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            ws_stale: Duration::from_secs(2),
            rest_stale: Duration::from_secs(10),
            rest_latency_max: Duration::from_millis(500),
        }
    }

    fn fresh() -> Observation {
        Observation {
            ws_silent: Some(Duration::from_millis(100)),
            ws_connected: true,
            rest_age: Some(Duration::from_secs(1)),
            rest_latency: Some(Duration::from_millis(20)),
            running_for: Duration::from_mins(1),
        }
    }

    #[test]
    fn fresh_sources_are_not_stale() {
        let verdicts = judge(&fresh(), &limits());
        assert!(!verdicts.ws_stale && !verdicts.rest_stale && !verdicts.rest_slow);
    }

    #[test]
    fn a_silent_stream_at_the_limit_is_stale() {
        let silent = Observation {
            ws_silent: Some(Duration::from_secs(2)),
            ..fresh()
        };
        assert!(judge(&silent, &limits()).ws_stale);
        let disconnected = Observation {
            ws_connected: false,
            ..fresh()
        };
        assert!(judge(&disconnected, &limits()).ws_stale);
    }

    #[test]
    fn nothing_is_stale_during_the_start_grace() {
        let starting = Observation {
            ws_silent: None,
            ws_connected: false,
            rest_age: None,
            rest_latency: None,
            running_for: Duration::from_secs(1),
        };
        let verdicts = judge(&starting, &limits());
        assert!(!verdicts.ws_stale && !verdicts.rest_stale && !verdicts.rest_slow);
        let late = Observation {
            running_for: Duration::from_secs(10),
            ..starting
        };
        assert!(judge(&late, &limits()).rest_stale);
    }

    #[test]
    fn rest_latency_over_the_limit_is_slow() {
        let slow = Observation {
            rest_latency: Some(Duration::from_millis(501)),
            ..fresh()
        };
        assert!(judge(&slow, &limits()).rest_slow);
        let at_limit = Observation {
            rest_latency: Some(Duration::from_millis(500)),
            ..fresh()
        };
        assert!(!judge(&at_limit, &limits()).rest_slow);
    }
}
