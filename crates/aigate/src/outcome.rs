use livespot_domain::{AiGateResult, AiModification, AiVerdict, Decision, ReasonCode};

use crate::error::GateError;
use crate::record::AiGateRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AiDec {
    Disabled,
    Enabled,
    Mandatory,
}

impl AiDec {
    pub const fn from_level(level: u8) -> Option<Self> {
        match level {
            0 => Some(AiDec::Disabled),
            1 => Some(AiDec::Enabled),
            2 => Some(AiDec::Mandatory),
            _ => None,
        }
    }

    pub const fn level(self) -> u8 {
        match self {
            AiDec::Disabled => 0,
            AiDec::Enabled => 1,
            AiDec::Mandatory => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateVerdict {
    Pass {
        decision: Box<Decision>,
        modified: bool,
    },
    Blocked {
        reasons: Vec<ReasonCode>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateOutcome {
    pub verdict: GateVerdict,
    pub result: AiGateResult,
    pub record: AiGateRecord,
    pub condition: Option<ReasonCode>,
}

impl GateOutcome {
    pub fn gated_decision(&self) -> Option<&Decision> {
        match &self.verdict {
            GateVerdict::Pass { decision, .. } => Some(decision),
            GateVerdict::Blocked { .. } => None,
        }
    }

    pub fn error_code(&self) -> Option<ReasonCode> {
        self.record.error_code
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    Disabled,
    Allowed,
    Blocked(Vec<ReasonCode>),
    Modified {
        reasons: Vec<ReasonCode>,
        modification: AiModification,
        decision: Box<Decision>,
    },
    Failed {
        error: GateError,
        proposed: Option<AiModification>,
    },
}

impl Judgement {
    pub fn verdict(&self, original: &Decision) -> GateVerdict {
        match self {
            Judgement::Disabled | Judgement::Allowed => GateVerdict::Pass {
                decision: Box::new(original.clone()),
                modified: false,
            },
            Judgement::Modified { decision, .. } => GateVerdict::Pass {
                decision: decision.clone(),
                modified: true,
            },
            Judgement::Blocked(reasons) => GateVerdict::Blocked {
                reasons: reasons.clone(),
            },
            Judgement::Failed { error, .. } => GateVerdict::Blocked {
                reasons: vec![error.reason()],
            },
        }
    }

    pub fn ai_verdict(&self) -> AiVerdict {
        match self {
            Judgement::Disabled | Judgement::Allowed => AiVerdict::Allow,
            Judgement::Blocked(_) => AiVerdict::Block,
            Judgement::Modified { .. } => AiVerdict::Modify,
            Judgement::Failed { .. } => AiVerdict::Error,
        }
    }

    pub fn reasons(&self) -> Vec<ReasonCode> {
        match self {
            Judgement::Disabled => vec![ReasonCode::AiDisabled],
            Judgement::Allowed => Vec::new(),
            Judgement::Blocked(reasons) | Judgement::Modified { reasons, .. } => reasons.clone(),
            Judgement::Failed { error, .. } => vec![error.reason()],
        }
    }

    pub fn applied_modification(&self) -> Option<AiModification> {
        match self {
            Judgement::Modified { modification, .. } => Some(modification.clone()),
            _ => None,
        }
    }

    pub fn proposed_modification(&self) -> Option<AiModification> {
        match self {
            Judgement::Modified { modification, .. } => Some(modification.clone()),
            Judgement::Failed { proposed, .. } => proposed.clone(),
            _ => None,
        }
    }

    pub fn error(&self) -> Option<&GateError> {
        match self {
            Judgement::Failed { error, .. } => Some(error),
            _ => None,
        }
    }

    pub fn condition(&self, ai_dec: AiDec) -> Option<ReasonCode> {
        match (ai_dec, self) {
            (AiDec::Mandatory, Judgement::Failed { error, .. }) if error.is_ai_failure() => {
                Some(error.reason())
            }
            _ => None,
        }
    }
}
