use crate::text_enum::text_enum;
use crate::{ReasonCode, TransitionRejected};

text_enum!(PositionState, ContractUnknownVariant, {
    Flat => "FLAT",
    Entering => "ENTERING",
    OpenUnprotected => "OPEN_UNPROTECTED",
    Protected => "PROTECTED",
    Exiting => "EXITING",
});

impl PositionState {
    pub const fn can_transition_to(self, to: PositionState) -> bool {
        use PositionState::{Entering, Exiting, Flat, OpenUnprotected, Protected};
        match self {
            Flat => matches!(to, Entering),
            Entering => matches!(to, OpenUnprotected | Flat),
            OpenUnprotected => matches!(to, Protected | Exiting),
            Protected => matches!(to, Exiting | OpenUnprotected),
            Exiting => matches!(to, Flat | OpenUnprotected),
        }
    }

    pub fn transition_to(self, to: PositionState) -> Result<PositionState, TransitionRejected> {
        if self.can_transition_to(to) {
            Ok(to)
        } else {
            Err(TransitionRejected::new(
                ReasonCode::PositionTransitionForbidden,
                self.as_str(),
                to.as_str(),
            ))
        }
    }

    fn edge(
        self,
        from: PositionState,
        to: PositionState,
    ) -> Result<PositionState, TransitionRejected> {
        if self == from {
            self.transition_to(to)
        } else {
            Err(TransitionRejected::new(
                ReasonCode::PositionTransitionForbidden,
                self.as_str(),
                to.as_str(),
            ))
        }
    }

    pub fn start_entry(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::Flat, PositionState::Entering)
    }

    pub fn entry_filled(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::Entering, PositionState::OpenUnprotected)
    }

    pub fn entry_abandoned(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::Entering, PositionState::Flat)
    }

    pub fn protect(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::OpenUnprotected, PositionState::Protected)
    }

    pub fn protection_lost(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::Protected, PositionState::OpenUnprotected)
    }

    pub fn start_exit(self) -> Result<PositionState, TransitionRejected> {
        self.transition_to(PositionState::Exiting)
    }

    pub fn exit_completed(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::Exiting, PositionState::Flat)
    }

    pub fn exit_incomplete(self) -> Result<PositionState, TransitionRejected> {
        self.edge(PositionState::Exiting, PositionState::OpenUnprotected)
    }

    pub const fn holds_inventory(self) -> bool {
        matches!(
            self,
            PositionState::OpenUnprotected | PositionState::Protected | PositionState::Exiting
        )
    }

    pub const fn needs_protection(self) -> bool {
        matches!(self, PositionState::OpenUnprotected)
    }
}

#[cfg(test)]
mod tests {
    use super::PositionState::{Entering, Exiting, Flat, OpenUnprotected, Protected};
    use super::*;

    const ALLOWED: &[(PositionState, PositionState)] = &[
        (Flat, Entering),
        (Entering, OpenUnprotected),
        (Entering, Flat),
        (OpenUnprotected, Protected),
        (OpenUnprotected, Exiting),
        (Protected, Exiting),
        (Protected, OpenUnprotected),
        (Exiting, Flat),
        (Exiting, OpenUnprotected),
    ];

    #[test]
    fn every_pair_matches_the_allowed_table() {
        for from in PositionState::ALL {
            for to in PositionState::ALL {
                let result = from.transition_to(*to);
                if ALLOWED.contains(&(*from, *to)) {
                    assert_eq!(result, Ok(*to));
                } else {
                    let rejected = result.unwrap_err();
                    assert_eq!(
                        rejected.reason,
                        ReasonCode::PositionTransitionForbidden,
                        "{from} -> {to}"
                    );
                    assert_eq!(rejected.to, to.as_str());
                }
            }
        }
    }

    #[test]
    fn the_full_lifecycle_runs_through_named_steps() {
        let state = Flat.start_entry().unwrap();
        let state = state.entry_filled().unwrap();
        assert!(state.needs_protection());
        let state = state.protect().unwrap();
        assert!(!state.needs_protection());
        let state = state.start_exit().unwrap();
        assert!(state.holds_inventory());
        assert_eq!(state.exit_completed(), Ok(Flat));
    }

    #[test]
    fn named_steps_only_leave_their_own_state() {
        type Step = fn(PositionState) -> Result<PositionState, TransitionRejected>;
        let steps: [(Step, PositionState); 7] = [
            (PositionState::start_entry, Flat),
            (PositionState::entry_filled, Entering),
            (PositionState::entry_abandoned, Entering),
            (PositionState::protect, OpenUnprotected),
            (PositionState::protection_lost, Protected),
            (PositionState::exit_completed, Exiting),
            (PositionState::exit_incomplete, Exiting),
        ];
        for (step, home) in steps {
            for from in PositionState::ALL {
                assert_eq!(step(*from).is_ok(), *from == home, "{from}");
            }
        }
    }

    #[test]
    fn an_open_position_cannot_skip_to_flat() {
        assert!(OpenUnprotected.transition_to(Flat).is_err());
        assert!(Protected.transition_to(Flat).is_err());
        assert!(Entering.protect().is_err());
        assert!(Flat.start_exit().is_err());
    }
}
