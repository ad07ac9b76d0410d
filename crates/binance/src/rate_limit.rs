use crate::error::BinanceError;
use crate::rest::enums::RateLimitType;
use crate::rest::market::RateLimit;
use crate::time_sync::local_now_ms;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageEntry {
    pub window: String,
    pub used: u64,
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitSnapshot {
    pub weight: Vec<UsageEntry>,
    pub orders: Vec<UsageEntry>,
    pub raw_requests: Vec<UsageEntry>,
    pub backoff_remaining_ms: u64,
    pub banned_until_ms: Option<i64>,
}

#[derive(Debug, Default)]
struct LimiterState {
    weight_limits: BTreeMap<String, (u64, u64)>,
    order_limits: BTreeMap<String, (u64, u64)>,
    raw_limits: BTreeMap<String, (u64, u64)>,
    weight_used: BTreeMap<String, u64>,
    orders_used: BTreeMap<String, u64>,
    raw_used: BTreeMap<String, (u64, u64)>,
    backoff_until: Option<Instant>,
    banned_until: Option<(Instant, i64)>,
}

#[derive(Debug)]
pub struct RateLimiter {
    state: Mutex<LimiterState>,
    headroom_percent: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Go,
    WaitFor(Duration),
    Banned { until_ms: i64 },
}

pub fn window_key(interval_num: u32, letter: char) -> String {
    format!("{interval_num}{letter}")
}

impl RateLimiter {
    pub fn new(headroom_percent: u32) -> Self {
        Self {
            state: Mutex::new(LimiterState::default()),
            headroom_percent: u64::from(headroom_percent.clamp(1, 100)),
        }
    }

    pub fn set_limits(&self, limits: &[RateLimit]) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        for limit in limits {
            let key = window_key(limit.interval_num, limit.interval.letter());
            let window_secs = limit.interval.seconds() * u64::from(limit.interval_num);
            match limit.rate_limit_type {
                RateLimitType::RequestWeight => {
                    state.weight_limits.insert(key, (limit.limit, window_secs))
                }
                RateLimitType::Orders => state.order_limits.insert(key, (limit.limit, window_secs)),
                RateLimitType::RawRequests => {
                    state.raw_limits.insert(key, (limit.limit, window_secs))
                }
                RateLimitType::Connections => None,
            };
        }
    }

    pub fn observe_header(&self, name: &str, value: &str) {
        let lower = name.to_ascii_lowercase();
        let Ok(used) = value.trim().parse::<u64>() else {
            return;
        };
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if let Some(window) = lower.strip_prefix("x-mbx-used-weight-") {
            state.weight_used.insert(window.to_owned(), used);
        } else if let Some(window) = lower.strip_prefix("x-mbx-order-count-") {
            state.orders_used.insert(window.to_owned(), used);
        }
    }

    pub fn on_too_many_requests(&self, retry_after: Duration) {
        if let Ok(mut state) = self.state.lock() {
            let until = Instant::now() + retry_after;
            state.backoff_until = Some(state.backoff_until.map_or(until, |u| u.max(until)));
        }
    }

    pub fn on_banned(&self, retry_after: Duration) -> i64 {
        let until_ms =
            local_now_ms() + i64::try_from(retry_after.as_millis()).unwrap_or(i64::MAX / 2);
        self.on_banned_until(until_ms)
    }

    pub fn on_banned_until(&self, until_local_ms: i64) -> i64 {
        let remaining_ms = u64::try_from(until_local_ms - local_now_ms()).unwrap_or(0);
        if let Ok(mut state) = self.state.lock() {
            let until = Instant::now() + Duration::from_millis(remaining_ms);
            state.banned_until = Some((until, until_local_ms));
        }
        until_local_ms
    }

    pub fn admit(&self, weight: u64, places_order: bool) -> Admission {
        let Ok(mut state) = self.state.lock() else {
            return Admission::Go;
        };
        let now = Instant::now();
        if let Some((until, until_ms)) = state.banned_until {
            if now < until {
                return Admission::Banned { until_ms };
            }
            state.banned_until = None;
        }
        if let Some(until) = state.backoff_until {
            if now < until {
                return Admission::WaitFor(until - now);
            }
            state.backoff_until = None;
        }
        let mut wait = self.window_wait(&state.weight_limits, &state.weight_used, weight);
        if places_order {
            wait = wait.max(self.window_wait(&state.order_limits, &state.orders_used, 1));
        }
        wait = wait.max(self.raw_wait(&mut state));
        if wait.is_zero() {
            count_raw_request(&mut state);
            Admission::Go
        } else {
            Admission::WaitFor(wait)
        }
    }

    fn raw_wait(&self, state: &mut LimiterState) -> Duration {
        let now_secs = u64::try_from(local_now_ms()).unwrap_or(0) / 1000;
        let mut current = BTreeMap::new();
        for (key, (_, window_secs)) in &state.raw_limits {
            let window = now_secs / (*window_secs).max(1);
            let used = state
                .raw_used
                .get(key)
                .filter(|(w, _)| *w == window)
                .map_or(0, |(_, n)| *n);
            state.raw_used.insert(key.clone(), (window, used));
            current.insert(key.clone(), used);
        }
        self.window_wait(&state.raw_limits, &current, 1)
    }

    fn window_wait(
        &self,
        limits: &BTreeMap<String, (u64, u64)>,
        used: &BTreeMap<String, u64>,
        cost: u64,
    ) -> Duration {
        let mut wait = Duration::ZERO;
        for (key, (limit, window_secs)) in limits {
            let current = used.get(key).copied().unwrap_or(0);
            let allowed = limit * self.headroom_percent / 100;
            if current + cost > allowed {
                wait = wait.max(until_window_boundary(*window_secs));
            }
        }
        wait
    }

    pub fn reset_window_usage_after_wait(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.weight_used.clear();
            state.orders_used.clear();
        }
    }

    pub async fn acquire(&self, weight: u64, places_order: bool) -> Result<(), BinanceError> {
        for _ in 0..8 {
            match self.admit(weight, places_order) {
                Admission::Go => return Ok(()),
                Admission::Banned { until_ms } => return Err(BinanceError::Banned { until_ms }),
                Admission::WaitFor(wait) => {
                    tokio::time::sleep(wait).await;
                    self.reset_window_usage_after_wait();
                }
            }
        }
        Err(BinanceError::RateLimited {
            retry_after: Duration::from_secs(1),
        })
    }

    pub fn snapshot(&self) -> RateLimitSnapshot {
        let Ok(state) = self.state.lock() else {
            return RateLimitSnapshot::default();
        };
        let now = Instant::now();
        RateLimitSnapshot {
            weight: entries(&state.weight_limits, &state.weight_used),
            orders: entries(&state.order_limits, &state.orders_used),
            raw_requests: entries(
                &state.raw_limits,
                &state
                    .raw_used
                    .iter()
                    .map(|(k, (_, n))| (k.clone(), *n))
                    .collect(),
            ),
            backoff_remaining_ms: state.backoff_until.map_or(0, |u| {
                u64::try_from(u.saturating_duration_since(now).as_millis()).unwrap_or(u64::MAX)
            }),
            banned_until_ms: state
                .banned_until
                .filter(|(u, _)| now < *u)
                .map(|(_, ms)| ms),
        }
    }
}

fn count_raw_request(state: &mut LimiterState) {
    for (_, used) in state.raw_used.values_mut() {
        *used += 1;
    }
}

fn entries(limits: &BTreeMap<String, (u64, u64)>, used: &BTreeMap<String, u64>) -> Vec<UsageEntry> {
    let mut keys: Vec<&String> = limits.keys().chain(used.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|key| UsageEntry {
            window: key.clone(),
            used: used.get(key).copied().unwrap_or(0),
            limit: limits.get(key).map(|(limit, _)| *limit),
        })
        .collect()
}

fn until_window_boundary(window_secs: u64) -> Duration {
    let now_ms = u64::try_from(local_now_ms()).unwrap_or(0);
    let window_ms = window_secs.max(1) * 1000;
    Duration::from_millis(window_ms - now_ms % window_ms + 5)
}

#[cfg(test)]
mod tests;
