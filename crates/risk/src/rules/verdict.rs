use livespot_domain::{
    ContractViolation, DecisionId, IntentKind, OrderIntent, OrderIntentId, ReasonCode, RiskVerdict,
    Validate, sha256_hex,
};
use serde::{Deserialize, Serialize};

use super::reduce_verdict::ReduceVerdict;

const INTENT_ID_DIGEST_CHARS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Entry(RiskVerdict),
    Reduce(ReduceVerdict),
}

impl Verdict {
    pub fn is_approved(&self) -> bool {
        match self {
            Verdict::Entry(verdict) => verdict.is_approved(),
            Verdict::Reduce(verdict) => verdict.is_approved(),
        }
    }

    pub fn ts_ms(&self) -> i64 {
        match self {
            Verdict::Entry(verdict) => verdict.ts_ms,
            Verdict::Reduce(verdict) => verdict.ts_ms,
        }
    }

    pub fn decision_id(&self) -> &DecisionId {
        match self {
            Verdict::Entry(verdict) => &verdict.decision_id,
            Verdict::Reduce(verdict) => &verdict.decision_id,
        }
    }

    pub fn reason_codes(&self) -> &[ReasonCode] {
        match self {
            Verdict::Entry(verdict) => &verdict.reason_codes,
            Verdict::Reduce(verdict) => &verdict.reason_codes,
        }
    }
}

impl Validate for Verdict {
    fn validate(&self) -> Result<(), ContractViolation> {
        match self {
            Verdict::Entry(verdict) => verdict.validate(),
            Verdict::Reduce(verdict) => verdict.validate(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub verdict: Verdict,
    pub intent: Option<OrderIntent>,
}

pub fn intent_id(
    kind: IntentKind,
    decision_id: &DecisionId,
) -> Result<OrderIntentId, ContractViolation> {
    let kind_text = match kind {
        IntentKind::Entry => "ENTRY",
        IntentKind::Exit => "EXIT",
        IntentKind::Protect => "PROTECT",
    };
    let digest = sha256_hex(format!("{kind_text}:{decision_id}").as_bytes());
    let short = digest.get(..INTENT_ID_DIGEST_CHARS).unwrap_or(&digest);
    OrderIntentId::new(format!("oi-{short}"))
}

pub fn push_unique(codes: &mut Vec<ReasonCode>, result: Result<(), ReasonCode>) {
    if let Err(code) = result
        && !codes.contains(&code)
    {
        codes.push(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_ids_are_stable_per_kind_and_decision() {
        let decision = DecisionId::new("dec-1").unwrap();
        let entry = intent_id(IntentKind::Entry, &decision).unwrap();
        assert_eq!(entry, intent_id(IntentKind::Entry, &decision).unwrap());
        assert_ne!(entry, intent_id(IntentKind::Exit, &decision).unwrap());
        let other = DecisionId::new("dec-2").unwrap();
        assert_ne!(entry, intent_id(IntentKind::Entry, &other).unwrap());
        assert_eq!(entry.as_str().len(), 3 + INTENT_ID_DIGEST_CHARS);
        assert!(entry.as_str().starts_with("oi-"));
    }

    #[test]
    fn push_unique_keeps_the_first_of_each_code() {
        let mut codes = vec![];
        push_unique(&mut codes, Err(ReasonCode::RiskCooldown));
        push_unique(&mut codes, Ok(()));
        push_unique(&mut codes, Err(ReasonCode::RiskStaleData));
        push_unique(&mut codes, Err(ReasonCode::RiskCooldown));
        assert_eq!(
            codes,
            vec![ReasonCode::RiskCooldown, ReasonCode::RiskStaleData]
        );
    }
}
