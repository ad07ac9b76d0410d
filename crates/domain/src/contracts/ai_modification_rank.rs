use crate::violation::require;
use crate::{
    ContractViolation, EntryKind, EntryPlan, ExitPlan, Fallback, ReasonCode, TrailingMode,
};

const fn entry_aggression(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::MakerFirst { .. } => 0,
        EntryKind::Ioc => 1,
        EntryKind::Market => 2,
    }
}

const fn fallback_aggression(fallback: Fallback) -> u8 {
    match fallback {
        Fallback::None => 0,
        Fallback::Ioc => 1,
        Fallback::Market => 2,
    }
}

pub fn check_entry(
    kind: Option<EntryKind>,
    fallback: Option<Fallback>,
    original: &EntryPlan,
) -> Result<(), ContractViolation> {
    if let Some(kind) = kind {
        require(
            entry_aggression(kind) <= entry_aggression(original.kind),
            ReasonCode::AiModifyRiskIncrease,
            "entry_kind",
            || format!("{kind:?} is more aggressive than {:?}", original.kind),
        )?;
        if let (
            EntryKind::MakerFirst { ttl_ms: longer },
            EntryKind::MakerFirst { ttl_ms: current },
        ) = (kind, original.kind)
        {
            require(
                longer <= current,
                ReasonCode::AiModifyRiskIncrease,
                "entry_kind.ttl_ms",
                || format!("ttl {longer} is longer than {current}"),
            )?;
        }
    }
    require(
        fallback.is_none_or(|f| fallback_aggression(f) <= fallback_aggression(original.fallback)),
        ReasonCode::AiModifyRiskIncrease,
        "fallback",
        || {
            format!(
                "{fallback:?} is more aggressive than {:?}",
                original.fallback
            )
        },
    )
}

pub fn check_trailing(delta: Option<u32>, original: &ExitPlan) -> Result<(), ContractViolation> {
    let Some(delta) = delta else {
        return Ok(());
    };
    require(
        original.trailing_mode != TrailingMode::Off,
        ReasonCode::AiModifyInvalid,
        "trailing_delta_bips",
        || "the plan has no trailing to tighten".to_owned(),
    )?;
    require(
        original
            .trailing_delta_bips
            .is_some_and(|current| delta <= current),
        ReasonCode::AiModifyRiskIncrease,
        "trailing_delta_bips",
        || format!("{delta} is wider than {:?}", original.trailing_delta_bips),
    )
}

#[cfg(test)]
mod tests {
    use crate::contracts::fixtures::decision;
    use crate::{AiModification, EntryKind, Fallback, ReasonCode};

    fn outcome(modification: &AiModification) -> Result<(), ReasonCode> {
        modification
            .apply_to(&decision())
            .map(drop)
            .map_err(|violation| violation.reason)
    }

    #[test]
    fn entry_may_only_become_less_aggressive_and_ttl_may_only_shrink() {
        let with_kind = |kind| AiModification {
            entry_kind: Some(kind),
            ..AiModification::default()
        };
        let risk = Err(ReasonCode::AiModifyRiskIncrease);
        assert_eq!(
            outcome(&with_kind(EntryKind::MakerFirst { ttl_ms: 1_000 })),
            Ok(())
        );
        assert_eq!(
            outcome(&with_kind(EntryKind::MakerFirst { ttl_ms: 9_000 })),
            risk
        );
        assert_eq!(outcome(&with_kind(EntryKind::Ioc)), risk);
        assert_eq!(outcome(&with_kind(EntryKind::Market)), risk);
    }

    #[test]
    fn fallback_may_only_shrink_and_trailing_may_only_tighten() {
        let with_fallback = |fallback| AiModification {
            fallback: Some(fallback),
            ..AiModification::default()
        };
        let with_delta = |bips| AiModification {
            trailing_delta_bips: Some(bips),
            ..AiModification::default()
        };
        let risk = Err(ReasonCode::AiModifyRiskIncrease);
        assert_eq!(outcome(&with_fallback(Fallback::None)), Ok(()));
        assert_eq!(outcome(&with_fallback(Fallback::Market)), risk);
        assert_eq!(outcome(&with_delta(40)), Ok(()));
        assert_eq!(outcome(&with_delta(60)), risk);
        assert_eq!(outcome(&with_delta(5)), Err(ReasonCode::AiModifyInvalid));
    }
}
