use livespot_domain::{ProcessRole, ReasonCode, SysMode};

use crate::{FailPolicy, Severity};

pub const CLEAN_CYCLES_TO_CLEAR: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeInput {
    Raised {
        source: ProcessRole,
        reason: ReasonCode,
    },
    Clean {
        source: ProcessRole,
        reason: ReasonCode,
    },
    Exit,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModeOutcome {
    pub alert_raised: Option<ReasonCode>,
    pub alert_cleared: Option<ReasonCode>,
    pub changed: Option<(SysMode, SysMode)>,
}

#[derive(Debug, Clone)]
struct Condition {
    source: ProcessRole,
    reason: ReasonCode,
    severity: Severity,
    clean_cycles: u8,
}

#[derive(Debug, Clone)]
pub struct ModeAuthority {
    policy: FailPolicy,
    conditions: Vec<Condition>,
    mode: SysMode,
    exiting: bool,
}

impl ModeAuthority {
    pub fn new(policy: FailPolicy) -> Self {
        Self {
            policy,
            conditions: Vec::new(),
            mode: SysMode::Normal,
            exiting: false,
        }
    }

    pub fn mode(&self) -> SysMode {
        self.mode
    }

    pub fn active_reasons(&self) -> Vec<ReasonCode> {
        self.conditions
            .iter()
            .map(|condition| condition.reason)
            .collect()
    }

    pub fn holds(&self, source: ProcessRole, reason: ReasonCode) -> bool {
        self.conditions
            .iter()
            .any(|condition| condition.source == source && condition.reason == reason)
    }

    pub fn apply(&mut self, input: ModeInput) -> ModeOutcome {
        let mut outcome = ModeOutcome::default();
        match input {
            ModeInput::Raised { source, reason } => {
                outcome.alert_raised = self.raise(source, reason);
            }
            ModeInput::Clean { source, reason } => {
                outcome.alert_cleared = self.clean(source, reason);
            }
            ModeInput::Exit => self.exiting = true,
        }
        let next = self.target_mode();
        if next != self.mode {
            outcome.changed = Some((self.mode, next));
            self.mode = next;
        }
        outcome
    }

    fn raise(&mut self, source: ProcessRole, reason: ReasonCode) -> Option<ReasonCode> {
        if let Some(existing) = self.find_mut(source, reason) {
            existing.clean_cycles = 0;
            return None;
        }
        self.conditions.push(Condition {
            source,
            reason,
            severity: self.policy.severity(reason),
            clean_cycles: 0,
        });
        Some(reason)
    }

    fn clean(&mut self, source: ProcessRole, reason: ReasonCode) -> Option<ReasonCode> {
        let existing = self.find_mut(source, reason)?;
        existing.clean_cycles = existing.clean_cycles.saturating_add(1);
        if existing.clean_cycles < CLEAN_CYCLES_TO_CLEAR {
            return None;
        }
        self.conditions
            .retain(|condition| !(condition.source == source && condition.reason == reason));
        Some(reason)
    }

    fn find_mut(&mut self, source: ProcessRole, reason: ReasonCode) -> Option<&mut Condition> {
        self.conditions
            .iter_mut()
            .find(|condition| condition.source == source && condition.reason == reason)
    }

    fn target_mode(&self) -> SysMode {
        if self.exiting {
            return SysMode::Exit;
        }
        let mut severities = self.conditions.iter().map(|condition| condition.severity);
        if severities
            .clone()
            .any(|severity| severity == Severity::Pause)
        {
            return Severity::Pause.mode();
        }
        if severities.next().is_some() {
            return Severity::Degrade.mode();
        }
        SysMode::Normal
    }
}

#[cfg(test)]
#[path = "mode_tests.rs"]
mod tests;
