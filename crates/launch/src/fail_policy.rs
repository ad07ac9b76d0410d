use livespot_domain::{ReasonCode, SysMode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Degrade,
    Pause,
}

impl Severity {
    pub const fn mode(self) -> SysMode {
        match self {
            Self::Degrade => SysMode::Degrade,
            Self::Pause => SysMode::Pause,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FailPolicy {
    rules: Vec<(ReasonCode, Severity)>,
}

impl FailPolicy {
    pub fn from_rules(rules: Vec<(ReasonCode, Severity)>) -> Self {
        Self { rules }
    }

    pub fn severity(&self, reason: ReasonCode) -> Severity {
        self.rules
            .iter()
            .find(|(code, _)| *code == reason)
            .map_or_else(|| Self::default_severity(reason), |(_, severity)| *severity)
    }

    fn default_severity(reason: ReasonCode) -> Severity {
        if reason.as_str().ends_with("_DEGRADE") {
            Severity::Degrade
        } else {
            Severity::Pause
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_rules_win_over_the_name_default() {
        let policy = FailPolicy::from_rules(vec![(ReasonCode::WsStaleDegrade, Severity::Pause)]);
        assert_eq!(policy.severity(ReasonCode::WsStaleDegrade), Severity::Pause);
    }

    #[test]
    fn unknown_reasons_degrade_only_when_named_so_and_pause_otherwise() {
        let policy = FailPolicy::default();
        assert_eq!(
            policy.severity(ReasonCode::RestStaleDegrade),
            Severity::Degrade
        );
        assert_eq!(policy.severity(ReasonCode::CrashLoopPause), Severity::Pause);
        assert_eq!(
            policy.severity(ReasonCode::DriftLimitExceeded),
            Severity::Pause
        );
    }
}
