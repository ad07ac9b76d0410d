use livespot_domain::{IntentKind, ReasonCode, RiskOutcome, RiskVerdict, SysMode};

use crate::rules::{Assessment, Proposal, ReduceProposal, ReduceVerdict, Verdict};

pub fn without_account(proposal: &Proposal, mode: SysMode, now_ms: i64) -> Assessment {
    let verdict = match proposal {
        Proposal::Entry(decision) => Verdict::Entry(RiskVerdict {
            decision_id: decision.decision_id.clone(),
            outcome: RiskOutcome::Block,
            reason_codes: vec![ReasonCode::RiskStaleData],
            approved_quantity: None,
            sys_mode: mode,
            ts_ms: now_ms,
        }),
        Proposal::Exit(reduce) => reduce_block(reduce, IntentKind::Exit, mode, now_ms),
        Proposal::Protect(reduce) => reduce_block(reduce, IntentKind::Protect, mode, now_ms),
    };
    Assessment {
        verdict,
        intent: None,
    }
}

pub fn entry_on_stale_account(assessment: Assessment) -> Assessment {
    let Verdict::Entry(verdict) = assessment.verdict else {
        return assessment;
    };
    let was_blocked = verdict.outcome == RiskOutcome::Block;
    let mut reason_codes = vec![ReasonCode::RiskStaleData];
    let earlier = verdict
        .reason_codes
        .iter()
        .filter(|code| was_blocked && **code != ReasonCode::RiskStaleData);
    reason_codes.extend(earlier.copied());
    Assessment {
        verdict: Verdict::Entry(RiskVerdict {
            outcome: RiskOutcome::Block,
            reason_codes,
            approved_quantity: None,
            ..verdict
        }),
        intent: None,
    }
}

fn reduce_block(reduce: &ReduceProposal, kind: IntentKind, mode: SysMode, now_ms: i64) -> Verdict {
    Verdict::Reduce(ReduceVerdict {
        decision_id: reduce.decision_id.clone(),
        symbol: reduce.symbol.clone(),
        kind,
        outcome: RiskOutcome::Block,
        reason_codes: vec![ReasonCode::RiskStaleData],
        requested_quantity: reduce.quantity,
        approved_quantity: None,
        sys_mode: mode,
        ts_ms: now_ms,
    })
}
