use livespot_domain::{
    ContractViolation, IntentKind, OrderIntent, ReasonCode, RiskOutcome, Side, SysMode, Validate,
};

use super::inputs::{AccountView, ReduceProposal};
use super::reduce::{self, Reduction};
use super::reduce_verdict::ReduceVerdict;
use super::verdict::{Assessment, Verdict, intent_id};

pub fn assess_reduce(
    proposal: &ReduceProposal,
    kind: IntentKind,
    account: &AccountView,
    mode: SysMode,
    now_ms: i64,
) -> Assessment {
    let blocked = |code: ReasonCode| Assessment {
        verdict: Verdict::Reduce(verdict(proposal, kind, mode, now_ms, Err(code))),
        intent: None,
    };
    let reduction = match reduce::check(proposal, account) {
        Ok(reduction) => reduction,
        Err(code) => return blocked(code),
    };
    match reduce_intent(proposal, kind, reduction, now_ms) {
        Ok(intent) => Assessment {
            verdict: Verdict::Reduce(verdict(proposal, kind, mode, now_ms, Ok(reduction))),
            intent: Some(intent),
        },
        Err(violation) => blocked(violation.reason),
    }
}

fn reduce_intent(
    proposal: &ReduceProposal,
    kind: IntentKind,
    reduction: Reduction,
    now_ms: i64,
) -> Result<OrderIntent, ContractViolation> {
    let intent = OrderIntent {
        order_intent_id: intent_id(kind, &proposal.decision_id)?,
        decision_id: proposal.decision_id.clone(),
        symbol: proposal.symbol.clone(),
        side: Side::Sell,
        kind,
        quantity: reduction.quantity,
        limit_price: proposal.limit_price,
        entry_plan: None,
        exit_plan: proposal.exit_plan.clone(),
        reduce_only: true,
        created_ts_ms: now_ms,
    };
    intent.validate()?;
    Ok(intent)
}

fn verdict(
    proposal: &ReduceProposal,
    kind: IntentKind,
    mode: SysMode,
    now_ms: i64,
    outcome: Result<Reduction, ReasonCode>,
) -> ReduceVerdict {
    let (outcome, reason_codes, approved_quantity) = match outcome {
        Ok(Reduction {
            quantity,
            capped: true,
        }) => (
            RiskOutcome::Approve,
            vec![ReasonCode::RiskReduceCappedToPosition],
            Some(quantity),
        ),
        Ok(Reduction { quantity, .. }) => (RiskOutcome::Approve, vec![], Some(quantity)),
        Err(code) => (RiskOutcome::Block, vec![code], None),
    };
    ReduceVerdict {
        decision_id: proposal.decision_id.clone(),
        symbol: proposal.symbol.clone(),
        kind,
        outcome,
        reason_codes,
        requested_quantity: proposal.quantity,
        approved_quantity,
        sys_mode: mode,
        ts_ms: now_ms,
    }
}
