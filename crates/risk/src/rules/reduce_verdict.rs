use livespot_domain::{
    ContractViolation, DecisionId, IntentKind, Quantity, ReasonCode, RiskOutcome, Symbol, SysMode,
    Validate, VerdictShape, require,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReduceVerdict {
    pub decision_id: DecisionId,
    pub symbol: Symbol,
    pub kind: IntentKind,
    pub outcome: RiskOutcome,
    pub reason_codes: Vec<ReasonCode>,
    pub requested_quantity: Quantity,
    pub approved_quantity: Option<Quantity>,
    pub sys_mode: SysMode,
    pub ts_ms: i64,
}

impl ReduceVerdict {
    pub fn is_approved(&self) -> bool {
        self.outcome == RiskOutcome::Approve
    }

    fn validate_within_request(&self) -> Result<(), ContractViolation> {
        require(
            self.approved_quantity
                .is_none_or(|approved| approved <= self.requested_quantity),
            ReasonCode::ContractVerdictInconsistent,
            "approved_quantity",
            || format!("approves more than the {} asked", self.requested_quantity),
        )
    }
}

impl Validate for ReduceVerdict {
    fn validate(&self) -> Result<(), ContractViolation> {
        VerdictShape {
            outcome: self.outcome,
            reason_codes: &self.reason_codes,
            approved_quantity: self.approved_quantity,
            ts_ms: self.ts_ms,
        }
        .validate()?;
        require(
            self.kind != IntentKind::Entry,
            ReasonCode::ContractVerdictInconsistent,
            "kind",
            || "entries are judged by a RiskVerdict".to_owned(),
        )?;
        self.validate_within_request()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{NOW, btc, q};

    fn approved() -> ReduceVerdict {
        ReduceVerdict {
            decision_id: DecisionId::new("exit-1").unwrap(),
            symbol: btc(),
            kind: IntentKind::Exit,
            outcome: RiskOutcome::Approve,
            reason_codes: vec![],
            requested_quantity: q("2"),
            approved_quantity: Some(q("2")),
            sys_mode: SysMode::Pause,
            ts_ms: NOW,
        }
    }

    fn reason(verdict: &ReduceVerdict) -> ReasonCode {
        verdict.validate().unwrap_err().reason
    }

    #[test]
    fn an_approved_exit_in_pause_is_a_valid_verdict() {
        assert_eq!(approved().validate(), Ok(()));
    }

    #[test]
    fn inconsistent_reduce_verdicts_are_refused() {
        let over = ReduceVerdict {
            approved_quantity: Some(q("2.1")),
            ..approved()
        };
        assert_eq!(reason(&over), ReasonCode::ContractVerdictInconsistent);
        let entry = ReduceVerdict {
            kind: IntentKind::Entry,
            ..approved()
        };
        assert_eq!(reason(&entry), ReasonCode::ContractVerdictInconsistent);
        let silent_block = ReduceVerdict {
            outcome: RiskOutcome::Block,
            approved_quantity: None,
            ..approved()
        };
        assert_eq!(
            reason(&silent_block),
            ReasonCode::ContractBlockWithoutReason
        );
        let zero = ReduceVerdict {
            approved_quantity: Some(q("0")),
            ..approved()
        };
        assert_eq!(reason(&zero), ReasonCode::ContractQuantityNotPositive);
    }
}
