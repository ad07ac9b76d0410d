use crate::text_enum::text_enum;
use crate::{ReasonCode, TransitionRejected};

text_enum!(IntentState, ContractUnknownVariant, {
    Created => "CREATED",
    Sent => "SENT",
    Confirmed => "CONFIRMED",
    SentUnknown => "SENT_UNKNOWN",
    FailedTerminal => "FAILED_TERMINAL",
    NotFound => "NOT_FOUND",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderLookup {
    Found,
    NotFound,
}

impl IntentState {
    pub const fn can_transition_to(self, to: IntentState) -> bool {
        matches!(
            (self, to),
            (
                IntentState::Created,
                IntentState::Sent | IntentState::FailedTerminal
            ) | (
                IntentState::Sent,
                IntentState::Confirmed | IntentState::SentUnknown | IntentState::FailedTerminal
            ) | (IntentState::NotFound, IntentState::Sent)
        )
    }

    pub fn transition_to(self, to: IntentState) -> Result<IntentState, TransitionRejected> {
        if self.can_transition_to(to) {
            return Ok(to);
        }
        let reason = if self == IntentState::SentUnknown {
            ReasonCode::IntentUnknownNeedsLookup
        } else {
            ReasonCode::IntentTransitionForbidden
        };
        Err(TransitionRejected::new(reason, self.as_str(), to.as_str()))
    }

    pub fn mark_sent(self) -> Result<IntentState, TransitionRejected> {
        self.transition_to(IntentState::Sent)
    }

    pub fn confirm(self) -> Result<IntentState, TransitionRejected> {
        self.transition_to(IntentState::Confirmed)
    }

    pub fn mark_sent_unknown(self) -> Result<IntentState, TransitionRejected> {
        self.transition_to(IntentState::SentUnknown)
    }

    pub fn fail_terminal(self) -> Result<IntentState, TransitionRejected> {
        self.transition_to(IntentState::FailedTerminal)
    }

    pub fn resolve_by_lookup(self, lookup: OrderLookup) -> Result<IntentState, TransitionRejected> {
        let to = match lookup {
            OrderLookup::Found => IntentState::Confirmed,
            OrderLookup::NotFound => IntentState::NotFound,
        };
        if self == IntentState::SentUnknown {
            Ok(to)
        } else {
            Err(TransitionRejected::new(
                ReasonCode::IntentTransitionForbidden,
                self.as_str(),
                to.as_str(),
            ))
        }
    }

    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            IntentState::Confirmed | IntentState::FailedTerminal | IntentState::NotFound
        )
    }

    pub const fn may_send(self) -> bool {
        matches!(self, IntentState::Created | IntentState::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIRECT: &[(IntentState, IntentState)] = &[
        (IntentState::Created, IntentState::Sent),
        (IntentState::Created, IntentState::FailedTerminal),
        (IntentState::Sent, IntentState::Confirmed),
        (IntentState::Sent, IntentState::SentUnknown),
        (IntentState::Sent, IntentState::FailedTerminal),
        (IntentState::NotFound, IntentState::Sent),
    ];

    #[test]
    fn every_direct_pair_matches_the_allowed_table() {
        for from in IntentState::ALL {
            for to in IntentState::ALL {
                let result = from.transition_to(*to);
                if DIRECT.contains(&(*from, *to)) {
                    assert_eq!(result, Ok(*to));
                    continue;
                }
                let rejected = result.unwrap_err();
                let expected = if *from == IntentState::SentUnknown {
                    ReasonCode::IntentUnknownNeedsLookup
                } else {
                    ReasonCode::IntentTransitionForbidden
                };
                assert_eq!(rejected.reason, expected, "{from} -> {to}");
                assert_eq!(
                    (rejected.from.as_str(), rejected.to.as_str()),
                    (from.as_str(), to.as_str())
                );
            }
        }
    }

    #[test]
    fn sent_unknown_is_resolved_only_by_an_order_lookup() {
        let unknown = IntentState::Sent.mark_sent_unknown().unwrap();
        assert_eq!(
            unknown.confirm().unwrap_err().reason,
            ReasonCode::IntentUnknownNeedsLookup
        );
        assert_eq!(
            unknown.resolve_by_lookup(OrderLookup::Found),
            Ok(IntentState::Confirmed)
        );
        assert_eq!(
            unknown.resolve_by_lookup(OrderLookup::NotFound),
            Ok(IntentState::NotFound)
        );
        for from in IntentState::ALL
            .iter()
            .filter(|s| **s != IntentState::SentUnknown)
        {
            for lookup in [OrderLookup::Found, OrderLookup::NotFound] {
                let rejected = from.resolve_by_lookup(lookup).unwrap_err();
                assert_eq!(
                    rejected.reason,
                    ReasonCode::IntentTransitionForbidden,
                    "{from}"
                );
            }
        }
    }

    #[test]
    fn an_intent_is_sent_only_when_created_or_proven_not_found() {
        assert!(IntentState::Created.may_send());
        assert_eq!(IntentState::NotFound.mark_sent(), Ok(IntentState::Sent));
        for state in IntentState::ALL
            .iter()
            .filter(|s| !matches!(**s, IntentState::Created | IntentState::NotFound))
        {
            assert!(!state.may_send(), "{state}");
            assert!(state.mark_sent().is_err(), "{state}");
        }
        assert!(IntentState::NotFound.is_terminal());
        assert!(!IntentState::SentUnknown.is_terminal());
    }

    #[test]
    fn states_use_stable_names() {
        assert_eq!(
            serde_json::to_string(&IntentState::SentUnknown).unwrap(),
            "\"SENT_UNKNOWN\""
        );
        assert!(serde_json::from_str::<IntentState>("\"LOST\"").is_err());
    }
}
