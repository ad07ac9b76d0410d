use livespot_domain::ReasonCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
struct StreamClock {
    since: Instant,
    last_event: Option<Instant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamAge {
    pub stream: String,
    pub last_event_age: Option<Duration>,
    pub silent_for: Duration,
}

#[derive(Debug, Default)]
pub struct StreamHealth {
    streams: Mutex<BTreeMap<String, StreamClock>>,
    connected: AtomicBool,
    connections: AtomicU64,
    messages: AtomicU64,
}

impl StreamHealth {
    pub fn watch(&self, stream: &str) {
        if let Ok(mut streams) = self.streams.lock() {
            streams.entry(stream.to_owned()).or_insert(StreamClock {
                since: Instant::now(),
                last_event: None,
            });
        }
    }

    pub fn forget(&self, stream: &str) {
        if let Ok(mut streams) = self.streams.lock() {
            streams.remove(stream);
        }
    }

    pub fn record_event(&self, stream: &str) {
        self.messages.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut streams) = self.streams.lock() {
            let now = Instant::now();
            let clock = streams.entry(stream.to_owned()).or_insert(StreamClock {
                since: now,
                last_event: None,
            });
            clock.last_event = Some(now);
        }
    }

    pub fn set_connected(&self, connected: bool) {
        if connected {
            self.connections.fetch_add(1, Ordering::SeqCst);
        }
        self.connected.store(connected, Ordering::SeqCst);
    }

    pub fn is_connected(&self) -> bool {
        self.connected.load(Ordering::SeqCst)
    }

    pub fn connection_count(&self) -> u64 {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn message_count(&self) -> u64 {
        self.messages.load(Ordering::Relaxed)
    }

    pub fn ages(&self) -> Vec<StreamAge> {
        let now = Instant::now();
        let Ok(streams) = self.streams.lock() else {
            return Vec::new();
        };
        streams
            .iter()
            .map(|(stream, clock)| StreamAge {
                stream: stream.clone(),
                last_event_age: clock.last_event.map(|t| now.saturating_duration_since(t)),
                silent_for: now.saturating_duration_since(clock.last_event.unwrap_or(clock.since)),
            })
            .collect()
    }

    pub fn stale_streams(&self, threshold: Duration) -> Vec<StreamAge> {
        self.ages()
            .into_iter()
            .filter(|age| age.silent_for >= threshold)
            .collect()
    }

    pub fn degrade_reason(&self, threshold: Duration) -> Option<ReasonCode> {
        let stale = !self.stale_streams(threshold).is_empty();
        (stale || !self.is_connected()).then_some(ReasonCode::WsStaleDegrade)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watched_stream_without_events_becomes_stale_and_an_event_refreshes_it() {
        let health = StreamHealth::default();
        health.watch("btcusdt@trade");
        assert_eq!(health.stale_streams(Duration::ZERO).len(), 1);
        assert!(health.stale_streams(Duration::from_hours(1)).is_empty());
        health.record_event("btcusdt@trade");
        let ages = health.ages();
        assert_eq!(ages.len(), 1);
        assert!(ages[0].last_event_age.is_some());
        assert_eq!(
            health.degrade_reason(Duration::from_hours(1)),
            Some(ReasonCode::WsStaleDegrade)
        );
        health.set_connected(true);
        assert_eq!(health.degrade_reason(Duration::from_hours(1)), None);
        assert_eq!(
            health.degrade_reason(Duration::ZERO),
            Some(ReasonCode::WsStaleDegrade)
        );
        health.forget("btcusdt@trade");
        assert!(health.ages().is_empty());
    }
}
