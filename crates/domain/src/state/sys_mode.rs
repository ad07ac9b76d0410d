use crate::text_enum::text_enum;
use crate::{ReasonCode, TransitionRejected};

text_enum!(SysMode, ContractUnknownVariant, {
    Normal => "NORMAL",
    Degrade => "DEGRADE",
    Pause => "PAUSE",
    Exit => "EXIT",
});

impl SysMode {
    pub const fn can_transition_to(self, to: SysMode) -> bool {
        matches!(
            (self, to),
            (
                SysMode::Normal,
                SysMode::Degrade | SysMode::Pause | SysMode::Exit
            ) | (
                SysMode::Degrade,
                SysMode::Normal | SysMode::Pause | SysMode::Exit
            ) | (
                SysMode::Pause,
                SysMode::Normal | SysMode::Degrade | SysMode::Exit
            )
        )
    }

    pub fn transition_to(self, to: SysMode) -> Result<SysMode, TransitionRejected> {
        if self.can_transition_to(to) {
            Ok(to)
        } else {
            Err(TransitionRejected::new(
                ReasonCode::SysModeTransitionForbidden,
                self.as_str(),
                to.as_str(),
            ))
        }
    }

    pub fn degrade(self) -> Result<SysMode, TransitionRejected> {
        self.transition_to(SysMode::Degrade)
    }

    pub fn pause(self) -> Result<SysMode, TransitionRejected> {
        self.transition_to(SysMode::Pause)
    }

    pub fn resume(self) -> Result<SysMode, TransitionRejected> {
        self.transition_to(SysMode::Normal)
    }

    pub fn exit(self) -> Result<SysMode, TransitionRejected> {
        self.transition_to(SysMode::Exit)
    }

    pub const fn allows_new_entries(self) -> bool {
        matches!(self, SysMode::Normal)
    }

    pub const fn allows_order_management(self) -> bool {
        matches!(self, SysMode::Normal | SysMode::Degrade)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOWED: &[(SysMode, SysMode)] = &[
        (SysMode::Normal, SysMode::Degrade),
        (SysMode::Normal, SysMode::Pause),
        (SysMode::Normal, SysMode::Exit),
        (SysMode::Degrade, SysMode::Normal),
        (SysMode::Degrade, SysMode::Pause),
        (SysMode::Degrade, SysMode::Exit),
        (SysMode::Pause, SysMode::Normal),
        (SysMode::Pause, SysMode::Degrade),
        (SysMode::Pause, SysMode::Exit),
    ];

    #[test]
    fn every_pair_matches_the_allowed_table() {
        for from in SysMode::ALL {
            for to in SysMode::ALL {
                let result = from.transition_to(*to);
                if ALLOWED.contains(&(*from, *to)) {
                    assert_eq!(result, Ok(*to));
                } else {
                    let rejected = result.unwrap_err();
                    assert_eq!(rejected.reason, ReasonCode::SysModeTransitionForbidden);
                    assert_eq!(rejected.from, from.as_str());
                    assert_eq!(rejected.to, to.as_str());
                }
            }
        }
    }

    #[test]
    fn exit_is_final_and_named_methods_follow_the_table() {
        assert!(SysMode::Exit.resume().is_err());
        assert!(SysMode::Exit.pause().is_err());
        assert_eq!(SysMode::Normal.degrade(), Ok(SysMode::Degrade));
        assert_eq!(SysMode::Pause.resume(), Ok(SysMode::Normal));
        assert!(SysMode::Pause.pause().is_err());
    }

    #[test]
    fn only_normal_allows_new_entries() {
        assert!(SysMode::Normal.allows_new_entries());
        assert!(!SysMode::Degrade.allows_new_entries());
        assert!(SysMode::Degrade.allows_order_management());
        assert!(!SysMode::Pause.allows_order_management());
        assert_eq!(serde_json::to_string(&SysMode::Pause).unwrap(), "\"PAUSE\"");
    }
}
