use livespot_domain::ReasonCode;

use livespot_runtime::ChildLink;

pub const CLEAN_REPORTS_AFTER_FRESH: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConditionStep {
    Raise,
    Clean,
    Quiet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionTracker {
    reason: ReasonCode,
    raised: bool,
    clean_sent: u8,
}

impl ConditionTracker {
    pub const fn new(reason: ReasonCode) -> Self {
        Self {
            reason,
            raised: false,
            clean_sent: 0,
        }
    }

    pub const fn reason(&self) -> ReasonCode {
        self.reason
    }

    pub const fn is_raised(&self) -> bool {
        self.raised
    }

    pub fn observe(&mut self, failing: bool) -> ConditionStep {
        if failing {
            self.clean_sent = 0;
            if self.raised {
                return ConditionStep::Quiet;
            }
            self.raised = true;
            return ConditionStep::Raise;
        }
        if !self.raised {
            return ConditionStep::Quiet;
        }
        self.clean_sent = self.clean_sent.saturating_add(1);
        if self.clean_sent >= CLEAN_REPORTS_AFTER_FRESH {
            self.raised = false;
            self.clean_sent = 0;
        }
        ConditionStep::Clean
    }

    pub fn report(&mut self, failing: bool, detail: &str, link: &ChildLink) {
        match self.observe(failing) {
            ConditionStep::Raise => {
                tracing::warn!(reason = self.reason.as_str(), %detail, "condition raised");
                link.raise(self.reason, detail);
            }
            ConditionStep::Clean => {
                tracing::info!(reason = self.reason.as_str(), "clean cycle");
                link.clean_cycle(self.reason);
            }
            ConditionStep::Quiet => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raises_once_then_reports_two_clean_cycles_then_goes_quiet() {
        let mut tracker = ConditionTracker::new(ReasonCode::WsStaleDegrade);
        assert_eq!(tracker.observe(false), ConditionStep::Quiet);
        assert_eq!(tracker.observe(true), ConditionStep::Raise);
        assert_eq!(tracker.observe(true), ConditionStep::Quiet);
        assert!(tracker.is_raised());
        assert_eq!(tracker.observe(false), ConditionStep::Clean);
        assert_eq!(tracker.observe(false), ConditionStep::Clean);
        assert!(!tracker.is_raised());
        assert_eq!(tracker.observe(false), ConditionStep::Quiet);
    }

    #[test]
    fn failing_again_between_clean_cycles_restarts_the_count() {
        let mut tracker = ConditionTracker::new(ReasonCode::RestStaleDegrade);
        assert_eq!(tracker.observe(true), ConditionStep::Raise);
        assert_eq!(tracker.observe(false), ConditionStep::Clean);
        assert_eq!(tracker.observe(true), ConditionStep::Quiet);
        assert_eq!(tracker.observe(false), ConditionStep::Clean);
        assert!(tracker.is_raised());
        assert_eq!(tracker.observe(false), ConditionStep::Clean);
        assert!(!tracker.is_raised());
    }
}
