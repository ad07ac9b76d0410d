use crate::text_enum::text_enum;
use crate::{ReasonCode, TransitionRejected};

text_enum!(OrderStatus, ContractUnknownVariant, {
    PendingNew => "PENDING_NEW",
    New => "NEW",
    PartiallyFilled => "PARTIALLY_FILLED",
    Filled => "FILLED",
    PendingCancel => "PENDING_CANCEL",
    Canceled => "CANCELED",
    Expired => "EXPIRED",
    ExpiredInMatch => "EXPIRED_IN_MATCH",
    Rejected => "REJECTED",
});

impl OrderStatus {
    pub const fn can_transition_to(self, to: OrderStatus) -> bool {
        use OrderStatus::{
            Canceled, Expired, ExpiredInMatch, Filled, New, PartiallyFilled, PendingCancel,
            PendingNew, Rejected,
        };
        match self {
            PendingNew => matches!(
                to,
                New | PartiallyFilled | Filled | Canceled | Expired | ExpiredInMatch | Rejected
            ),
            New => matches!(
                to,
                PartiallyFilled | Filled | PendingCancel | Canceled | Expired | ExpiredInMatch
            ),
            PartiallyFilled => matches!(
                to,
                PartiallyFilled | Filled | PendingCancel | Canceled | Expired | ExpiredInMatch
            ),
            PendingCancel => matches!(
                to,
                New | PartiallyFilled | Filled | Canceled | Expired | ExpiredInMatch
            ),
            Filled | Canceled | Expired | ExpiredInMatch | Rejected => false,
        }
    }

    pub fn transition_to(self, to: OrderStatus) -> Result<OrderStatus, TransitionRejected> {
        if self.can_transition_to(to) {
            Ok(to)
        } else {
            Err(TransitionRejected::new(
                ReasonCode::OrderTransitionForbidden,
                self.as_str(),
                to.as_str(),
            ))
        }
    }

    pub fn request_cancel(self) -> Result<OrderStatus, TransitionRejected> {
        self.transition_to(OrderStatus::PendingCancel)
    }

    pub fn cancel_refused(
        self,
        still_open_as: OrderStatus,
    ) -> Result<OrderStatus, TransitionRejected> {
        if self == OrderStatus::PendingCancel
            && matches!(
                still_open_as,
                OrderStatus::New | OrderStatus::PartiallyFilled
            )
        {
            Ok(still_open_as)
        } else {
            Err(TransitionRejected::new(
                ReasonCode::OrderTransitionForbidden,
                self.as_str(),
                still_open_as.as_str(),
            ))
        }
    }

    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            OrderStatus::Filled
                | OrderStatus::Canceled
                | OrderStatus::Expired
                | OrderStatus::ExpiredInMatch
                | OrderStatus::Rejected
        )
    }

    pub const fn is_open(self) -> bool {
        !self.is_terminal()
    }
}

#[cfg(test)]
mod tests {
    use super::OrderStatus::{
        Canceled, Expired, ExpiredInMatch, Filled, New, PartiallyFilled, PendingCancel, PendingNew,
        Rejected,
    };
    use super::*;

    const ALLOWED: &[(OrderStatus, &[OrderStatus])] = &[
        (
            PendingNew,
            &[
                New,
                PartiallyFilled,
                Filled,
                Canceled,
                Expired,
                ExpiredInMatch,
                Rejected,
            ],
        ),
        (
            New,
            &[
                PartiallyFilled,
                Filled,
                PendingCancel,
                Canceled,
                Expired,
                ExpiredInMatch,
            ],
        ),
        (
            PartiallyFilled,
            &[
                PartiallyFilled,
                Filled,
                PendingCancel,
                Canceled,
                Expired,
                ExpiredInMatch,
            ],
        ),
        (
            PendingCancel,
            &[
                New,
                PartiallyFilled,
                Filled,
                Canceled,
                Expired,
                ExpiredInMatch,
            ],
        ),
    ];

    fn allowed(from: OrderStatus, to: OrderStatus) -> bool {
        ALLOWED
            .iter()
            .any(|(source, targets)| *source == from && targets.contains(&to))
    }

    #[test]
    fn every_pair_matches_the_allowed_table() {
        for from in OrderStatus::ALL {
            for to in OrderStatus::ALL {
                let result = from.transition_to(*to);
                if allowed(*from, *to) {
                    assert_eq!(result, Ok(*to), "{from} -> {to}");
                } else {
                    let rejected = result.unwrap_err();
                    assert_eq!(
                        rejected.reason,
                        ReasonCode::OrderTransitionForbidden,
                        "{from} -> {to}"
                    );
                    assert_eq!(rejected.from, from.as_str());
                }
            }
        }
    }

    #[test]
    fn a_cancel_racing_a_fill_ends_filled() {
        let cancelling = New.request_cancel().unwrap();
        assert_eq!(cancelling.transition_to(Filled), Ok(Filled));
        assert!(Filled.transition_to(Canceled).is_err());
        let partially = New.transition_to(PartiallyFilled).unwrap();
        let cancelling = partially.request_cancel().unwrap();
        assert_eq!(
            cancelling.transition_to(PartiallyFilled),
            Ok(PartiallyFilled)
        );
        assert_eq!(cancelling.transition_to(Canceled), Ok(Canceled));
    }

    #[test]
    fn a_refused_cancel_returns_to_the_open_status() {
        assert_eq!(PendingCancel.cancel_refused(New), Ok(New));
        assert_eq!(
            PendingCancel.cancel_refused(PartiallyFilled),
            Ok(PartiallyFilled)
        );
        assert!(PendingCancel.cancel_refused(Filled).is_err());
        assert!(New.cancel_refused(New).is_err());
    }

    #[test]
    fn terminal_statuses_match_binance() {
        let terminal: Vec<OrderStatus> = OrderStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_terminal())
            .collect();
        assert_eq!(
            terminal,
            vec![Filled, Canceled, Expired, ExpiredInMatch, Rejected]
        );
        assert!(New.is_open());
        assert_eq!(
            "EXPIRED_IN_MATCH".parse::<OrderStatus>(),
            Ok(ExpiredInMatch)
        );
        assert!("CANCELLED".parse::<OrderStatus>().is_err());
    }
}
