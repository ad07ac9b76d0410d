use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    ExecuteThenDrop,
    ExecuteThenUnknown,
    #[serde(rename = "execute_then_503")]
    ExecuteThen503,
    Delay,
    RateLimit,
    Ban,
    RejectNext,
    StreamsDisconnect,
    StreamsStall,
    ClockSkew,
    PartialFills,
    HoldResting,
    FillRestingHalf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultSpec {
    pub kind: FaultKind,
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub seconds: Option<u64>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub symbol: Option<String>,
    #[serde(default)]
    pub code: Option<i64>,
    #[serde(default)]
    pub ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActiveFault {
    pub spec: FaultSpec,
    pub remaining: Option<u32>,
    pub until_ms: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestScope<'a> {
    pub path: &'a str,
    pub symbol: Option<&'a str>,
    pub now: i64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Faults {
    pub active: Vec<ActiveFault>,
}

impl ActiveFault {
    fn live(&self, now: i64) -> bool {
        self.remaining.is_none_or(|n| n > 0) && self.until_ms.is_none_or(|until| now < until)
    }

    fn matches(&self, scope: RequestScope<'_>) -> bool {
        let path_ok = self.spec.path.as_deref().is_none_or(|p| p == scope.path);
        let symbol_ok = self
            .spec
            .symbol
            .as_deref()
            .is_none_or(|s| scope.symbol == Some(s));
        path_ok && symbol_ok
    }
}

const fn default_count(kind: FaultKind) -> Option<u32> {
    match kind {
        FaultKind::StreamsStall
        | FaultKind::ClockSkew
        | FaultKind::Ban
        | FaultKind::HoldResting => None,
        _ => Some(1),
    }
}

impl Faults {
    #[cfg(test)]
    pub fn add(&mut self, spec: FaultSpec, now: i64) {
        self.add_lasting(spec, now, 1);
    }

    pub fn add_lasting(&mut self, spec: FaultSpec, now: i64, venue_ms_per_wall_ms: i64) {
        let until_ms = spec.seconds.map(|s| {
            let wall_ms = i64::try_from(s).unwrap_or(i64::MAX / 4_000_000) * 1_000;
            now.saturating_add(wall_ms.saturating_mul(venue_ms_per_wall_ms.max(1)))
        });
        let remaining = if spec.seconds.is_some() && spec.count.is_none() {
            None
        } else {
            spec.count.or(default_count(spec.kind))
        };
        self.active.push(ActiveFault {
            spec,
            remaining,
            until_ms,
        });
    }

    pub fn clear(&mut self) {
        self.active.clear();
    }

    pub fn take(&mut self, kind: FaultKind, scope: RequestScope<'_>) -> Option<FaultSpec> {
        let fault = self
            .active
            .iter_mut()
            .find(|f| f.spec.kind == kind && f.live(scope.now) && f.matches(scope))?;
        if let Some(n) = fault.remaining.as_mut() {
            *n -= 1;
        }
        Some(fault.spec.clone())
    }

    pub fn is_active(&self, kind: FaultKind, now: i64) -> bool {
        self.active
            .iter()
            .any(|f| f.spec.kind == kind && f.live(now))
    }

    pub fn is_active_for(&self, kind: FaultKind, symbol: &str, now: i64) -> bool {
        self.active.iter().any(|f| {
            f.spec.kind == kind
                && f.live(now)
                && f.spec.symbol.as_deref().is_none_or(|s| s == symbol)
        })
    }

    pub fn prune(&mut self, now: i64) {
        self.active.retain(|f| f.live(now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: FaultKind) -> FaultSpec {
        FaultSpec {
            kind,
            count: None,
            seconds: None,
            path: None,
            symbol: None,
            code: None,
            ms: None,
        }
    }

    #[test]
    fn count_defaults_to_one_and_is_consumed() {
        let mut faults = Faults::default();
        faults.add(spec(FaultKind::RejectNext), 0);
        let scope = RequestScope {
            path: "/api/v3/order",
            symbol: None,
            now: 1,
        };
        assert!(faults.take(FaultKind::RejectNext, scope).is_some());
        assert!(faults.take(FaultKind::RejectNext, scope).is_none());
    }

    #[test]
    fn path_and_symbol_narrow_the_fault() {
        let mut faults = Faults::default();
        let mut narrow = spec(FaultKind::Delay);
        narrow.path = Some("/api/v3/order".to_owned());
        narrow.symbol = Some("BTCUSDT".to_owned());
        faults.add(narrow, 0);
        let other = RequestScope {
            path: "/api/v3/order",
            symbol: Some("ETHUSDT"),
            now: 1,
        };
        assert!(faults.take(FaultKind::Delay, other).is_none());
        let hit = RequestScope {
            path: "/api/v3/order",
            symbol: Some("BTCUSDT"),
            now: 1,
        };
        assert!(faults.take(FaultKind::Delay, hit).is_some());
    }

    #[test]
    fn seconds_bound_the_fault_in_time() {
        let mut faults = Faults::default();
        let mut stall = spec(FaultKind::StreamsStall);
        stall.seconds = Some(2);
        faults.add(stall, 1_000);
        assert!(faults.is_active(FaultKind::StreamsStall, 2_999));
        assert!(!faults.is_active(FaultKind::StreamsStall, 3_000));
    }

    #[test]
    fn under_a_time_lapse_the_seconds_are_wall_seconds_and_the_spec_keeps_them() {
        let mut faults = Faults::default();
        let mut limited = spec(FaultKind::RateLimit);
        limited.seconds = Some(2);
        faults.add_lasting(limited, 1_000, 240);
        assert!(faults.is_active(FaultKind::RateLimit, 1_000 + 2_000 * 240 - 1));
        assert!(!faults.is_active(FaultKind::RateLimit, 1_000 + 2_000 * 240));
        let scope = RequestScope {
            path: "/api/v3/order",
            symbol: None,
            now: 2_000,
        };
        let taken = faults.take(FaultKind::RateLimit, scope);
        assert_eq!(taken.and_then(|fault| fault.seconds), Some(2));
    }

    #[test]
    fn a_resting_fault_lasts_until_cleared_and_is_narrowed_by_symbol() {
        let mut faults = Faults::default();
        let mut hold = spec(FaultKind::HoldResting);
        hold.symbol = Some("BTCUSDT".to_owned());
        faults.add(hold, 0);
        assert!(faults.is_active_for(FaultKind::HoldResting, "BTCUSDT", i64::MAX / 2));
        assert!(!faults.is_active_for(FaultKind::HoldResting, "ETHUSDT", 1));
        assert!(!faults.is_active_for(FaultKind::FillRestingHalf, "BTCUSDT", 1));
        faults.clear();
        assert!(!faults.is_active_for(FaultKind::HoldResting, "BTCUSDT", 1));
    }
}
