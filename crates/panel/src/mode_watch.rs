use std::sync::{Arc, Mutex, PoisonError};

use livespot_domain::SysMode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Observed {
    mode: SysMode,
    since_ms: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct ModeObserver {
    seen: Arc<Mutex<Option<Observed>>>,
}

impl ModeObserver {
    pub fn observe(&self, mode: SysMode, now_ms: i64) -> Option<i64> {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let next = match *seen {
            Some(previous) if previous.mode == mode => previous,
            Some(_) => Observed {
                mode,
                since_ms: Some(now_ms),
            },
            None => Observed {
                mode,
                since_ms: None,
            },
        };
        *seen = Some(next);
        next.since_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_is_unknown_at_start_and_set_when_the_mode_changes() {
        let observer = ModeObserver::default();
        assert_eq!(observer.observe(SysMode::Normal, 10), None);
        assert_eq!(observer.observe(SysMode::Normal, 20), None);
        assert_eq!(observer.observe(SysMode::Degrade, 30), Some(30));
        assert_eq!(observer.observe(SysMode::Degrade, 40), Some(30));
        assert_eq!(observer.observe(SysMode::Normal, 50), Some(50));
    }
}
