use crate::violation::require;
use crate::{AiGateResult, AiVerdict, ContractViolation, Decision, ReasonCode, Validate};

impl AiGateResult {
    pub fn check_for(&self, decision: &Decision) -> Result<(), ContractViolation> {
        self.validate()?;
        require(
            self.decision_id == decision.decision_id,
            ReasonCode::ContractIdMismatch,
            "decision_id",
            || format!("{} is not {}", self.decision_id, decision.decision_id),
        )?;
        require(
            self.snapshot_hash == decision.snapshot_hash,
            ReasonCode::ContractHashInvalid,
            "snapshot_hash",
            || "gate judged a different snapshot than the decision".to_owned(),
        )
    }

    pub fn gated_decision(
        &self,
        decision: &Decision,
    ) -> Result<Option<Decision>, ContractViolation> {
        self.check_for(decision)?;
        match (&self.verdict, &self.modification) {
            (AiVerdict::Allow, _) => Ok(Some(decision.clone())),
            (AiVerdict::Modify, Some(modification)) => modification.apply_to(decision).map(Some),
            (AiVerdict::Modify, None) => Err(ContractViolation::new(
                ReasonCode::ContractModifyWithoutModification,
                "modification",
                "MODIFY carries no modification",
            )),
            (AiVerdict::Block | AiVerdict::Error, _) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::fixtures::{ai_gate_result, decision, price, qty};
    use crate::{AiModification, DecisionId};

    fn gate_for(decision: &Decision) -> AiGateResult {
        AiGateResult {
            snapshot_hash: decision.snapshot_hash.clone(),
            ..ai_gate_result()
        }
    }

    #[test]
    fn allow_keeps_modify_tightens_and_block_drops() {
        let original = decision();
        let allow = gate_for(&original);
        assert_eq!(allow.gated_decision(&original), Ok(Some(original.clone())));
        let modify = AiGateResult {
            verdict: AiVerdict::Modify,
            modification: Some(AiModification {
                quantity: Some(qty("0.001")),
                take_profit: None,
                stop_loss: None,
                ..AiModification::default()
            }),
            ..gate_for(&original)
        };
        let tightened = modify.gated_decision(&original).unwrap().unwrap();
        assert_eq!(tightened.quantity, qty("0.001"));
        let block = AiGateResult {
            verdict: AiVerdict::Block,
            reason_codes: vec![ReasonCode::AiBlocked],
            ..gate_for(&original)
        };
        assert_eq!(block.gated_decision(&original), Ok(None));
    }

    #[test]
    fn a_gate_result_for_another_decision_or_snapshot_is_refused() {
        let original = decision();
        let other = AiGateResult {
            decision_id: DecisionId::new("dec-9").unwrap(),
            ..gate_for(&original)
        };
        assert_eq!(
            other.check_for(&original).unwrap_err().reason,
            ReasonCode::ContractIdMismatch
        );
        let stale = ai_gate_result();
        assert_eq!(
            stale.check_for(&original).unwrap_err().reason,
            ReasonCode::ContractHashInvalid
        );
        let risky = AiGateResult {
            verdict: AiVerdict::Modify,
            modification: Some(AiModification {
                quantity: None,
                take_profit: None,
                stop_loss: Some(price("26000")),
                ..AiModification::default()
            }),
            ..gate_for(&original)
        };
        let refused = risky.gated_decision(&original).unwrap_err();
        assert_eq!(refused.reason, ReasonCode::AiModifyRiskIncrease);
    }
}
