use std::sync::Arc;
use std::time::Duration;

use livespot_audit::AuditClient;
use livespot_binance::rate_limit::{RateLimitSnapshot, RateLimiter};
use livespot_domain::{
    AuditEvent, AuditEventType, Clock, CorrelationIds, ProcessRole, SystemClock,
};
use livespot_runtime::ChildContext;
use serde::Serialize;

use crate::health_loop::Observation;
use crate::publisher::ipc_limits;

pub const HEALTH_REPORT_EVERY_TICKS: u32 = 5;
pub const MARKETDATA_SPOOL_CAPACITY: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarketdataHealth {
    pub ws_staleness_ms: Option<u64>,
    pub ws_connected: bool,
    pub rest_age_ms: Option<u64>,
    pub rest_latency_ms: Option<u64>,
    pub used_weight_1m: Option<u64>,
}

fn millis(duration: Option<Duration>) -> Option<u64> {
    duration.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

pub fn health_payload(observation: &Observation, limits: &RateLimitSnapshot) -> MarketdataHealth {
    MarketdataHealth {
        ws_staleness_ms: millis(observation.ws_silent),
        ws_connected: observation.ws_connected,
        rest_age_ms: millis(observation.rest_age),
        rest_latency_ms: millis(observation.rest_latency),
        used_weight_1m: limits.weight.iter().map(|entry| entry.used).max(),
    }
}

#[derive(Debug)]
pub struct HealthReporter {
    client: AuditClient,
    run: CorrelationIds,
    limiter: Arc<RateLimiter>,
    ticks: u32,
}

impl HealthReporter {
    pub fn connect(context: &ChildContext, limiter: Arc<RateLimiter>) -> Self {
        Self {
            client: AuditClient::spawn_for_producer(
                &context.var_dir,
                context.keys.ipc.clone(),
                ipc_limits(context),
                MARKETDATA_SPOOL_CAPACITY,
                context.link.shutdown(),
            ),
            run: CorrelationIds::for_run(context.keys.run_id.clone()),
            limiter,
            ticks: 0,
        }
    }

    pub fn observe(&mut self, observation: &Observation) {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks % HEALTH_REPORT_EVERY_TICKS != 1 {
            return;
        }
        let payload = health_payload(observation, &self.limiter.snapshot());
        let event = AuditEvent::new(
            AuditEventType::ProcessHealth,
            SystemClock.now_ms(),
            ProcessRole::Marketdata,
            self.run.clone(),
        );
        let recorded = event
            .with_payload(&payload)
            .map_err(|violation| violation.to_string())
            .and_then(|event| self.client.record(event).map_err(|error| error.to_string()));
        if let Err(error) = recorded {
            tracing::warn!(reason = "AUDIT_RECORD_FAILED", %error, "marketdata health kept in the log only");
        }
    }
}

#[cfg(test)]
mod tests {
    use livespot_binance::rate_limit::UsageEntry;

    use super::*;

    #[test]
    fn the_health_row_carries_staleness_latency_and_the_heaviest_weight_window() {
        let observation = Observation {
            ws_silent: Some(Duration::from_millis(1_500)),
            ws_connected: true,
            rest_age: None,
            rest_latency: Some(Duration::from_millis(42)),
            running_for: Duration::from_mins(1),
        };
        let limits = RateLimitSnapshot {
            weight: vec![
                UsageEntry {
                    window: "1m".to_owned(),
                    used: 120,
                    limit: Some(6_000),
                },
                UsageEntry {
                    window: "1s".to_owned(),
                    used: 7,
                    limit: None,
                },
            ],
            ..RateLimitSnapshot::default()
        };
        let payload = health_payload(&observation, &limits);
        assert_eq!(payload.ws_staleness_ms, Some(1_500));
        assert_eq!(payload.rest_age_ms, None);
        assert_eq!(payload.rest_latency_ms, Some(42));
        assert_eq!(payload.used_weight_1m, Some(120));
    }
}
