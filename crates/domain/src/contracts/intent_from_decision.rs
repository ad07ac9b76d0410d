use crate::violation::require;
use crate::{
    ContractViolation, Decision, EntryKind, IntentKind, OrderIntent, OrderIntentId, ReasonCode,
    RiskVerdict, Validate,
};

impl OrderIntent {
    pub fn entry_from(
        decision: &Decision,
        verdict: &RiskVerdict,
        order_intent_id: OrderIntentId,
        created_ts_ms: i64,
    ) -> Result<OrderIntent, ContractViolation> {
        verdict.validate().map_err(|v| v.within("verdict"))?;
        require(
            verdict.decision_id == decision.decision_id,
            ReasonCode::ContractIdMismatch,
            "verdict.decision_id",
            || format!("{} is not {}", verdict.decision_id, decision.decision_id),
        )?;
        let Some(quantity) = verdict.approved_quantity.filter(|_| verdict.is_approved()) else {
            return Err(ContractViolation::new(
                ReasonCode::ContractVerdictInconsistent,
                "verdict.outcome",
                "only an approved verdict becomes an intent",
            ));
        };
        require(
            quantity <= decision.quantity,
            ReasonCode::ContractVerdictInconsistent,
            "verdict.approved_quantity",
            || format!("{quantity} exceeds the decision's {}", decision.quantity),
        )?;
        let limit_price = match decision.entry.kind {
            EntryKind::Market => None,
            EntryKind::MakerFirst { .. } | EntryKind::Ioc => Some(decision.entry.limit_price),
        };
        let intent = OrderIntent {
            order_intent_id,
            decision_id: decision.decision_id.clone(),
            symbol: decision.symbol.clone(),
            side: decision.side,
            kind: IntentKind::Entry,
            quantity,
            limit_price,
            entry_plan: Some(decision.entry.clone()),
            exit_plan: Some(decision.exit.clone()),
            reduce_only: false,
            created_ts_ms,
        };
        intent.validate()?;
        Ok(intent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::fixtures::{T0, decision, qty, risk_verdict};
    use crate::{DecisionId, RiskOutcome};

    fn id() -> OrderIntentId {
        OrderIntentId::new("oi-7").unwrap()
    }

    #[test]
    fn an_approved_verdict_becomes_a_valid_entry_intent() {
        let verdict = RiskVerdict {
            approved_quantity: Some(qty("0.001")),
            ..risk_verdict()
        };
        let intent = OrderIntent::entry_from(&decision(), &verdict, id(), T0 + 2_000).unwrap();
        assert_eq!(intent.quantity, qty("0.001"));
        assert_eq!(intent.limit_price, Some(decision().entry.limit_price));
        assert_eq!(intent.validate(), Ok(()));
    }

    #[test]
    fn mismatched_blocked_or_oversized_verdicts_are_refused() {
        let other = RiskVerdict {
            decision_id: DecisionId::new("dec-2").unwrap(),
            ..risk_verdict()
        };
        let refused = OrderIntent::entry_from(&decision(), &other, id(), T0).unwrap_err();
        assert_eq!(refused.reason, ReasonCode::ContractIdMismatch);
        let blocked = RiskVerdict {
            outcome: RiskOutcome::Block,
            reason_codes: vec![ReasonCode::RiskCooldown],
            approved_quantity: None,
            ..risk_verdict()
        };
        let refused = OrderIntent::entry_from(&decision(), &blocked, id(), T0).unwrap_err();
        assert_eq!(refused.reason, ReasonCode::ContractVerdictInconsistent);
        let oversized = RiskVerdict {
            approved_quantity: Some(qty("0.01")),
            ..risk_verdict()
        };
        let refused = OrderIntent::entry_from(&decision(), &oversized, id(), T0).unwrap_err();
        assert_eq!(refused.reason, ReasonCode::ContractVerdictInconsistent);
        let invalid = RiskVerdict {
            ts_ms: 0,
            ..risk_verdict()
        };
        let refused = OrderIntent::entry_from(&decision(), &invalid, id(), T0).unwrap_err();
        assert_eq!(refused.reason, ReasonCode::ContractTimestampInvalid);
        assert_eq!(refused.field, "verdict.ts_ms");
    }
}
