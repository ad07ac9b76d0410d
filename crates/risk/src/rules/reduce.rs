use livespot_domain::{Quantity, ReasonCode};

use super::inputs::{AccountView, ReduceProposal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reduction {
    pub quantity: Quantity,
    pub capped: bool,
}

pub fn check(proposal: &ReduceProposal, account: &AccountView) -> Result<Reduction, ReasonCode> {
    if !proposal.reduce_only {
        return Err(ReasonCode::CapExitNotReduceOnly);
    }
    let position = account
        .position(&proposal.symbol)
        .ok_or(ReasonCode::RiskNothingToReduce)?;
    let held_base = account.balance(&position.base_asset).total();
    let sellable = position.quantity.value().min(held_base);
    let requested = proposal.quantity.value();
    let allowed = requested.min(sellable);
    let quantity = Quantity::new(allowed)
        .ok()
        .filter(|quantity| quantity.is_positive())
        .ok_or(ReasonCode::RiskNothingToReduce)?;
    Ok(Reduction {
        quantity,
        capped: allowed < requested,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{account, btc, n, p, q};
    use crate::rules::inputs::{Balance, Position};
    use livespot_domain::DecisionId;

    fn holding(position: &str, base_free: &str, base_locked: &str) -> AccountView {
        let mut account = account();
        account.positions.push(Position {
            symbol: btc(),
            base_asset: "BTC".to_owned(),
            entry_price: p("100"),
            quantity: q(position),
            notional: n("200"),
        });
        account.balances.insert(
            "BTC".to_owned(),
            Balance {
                free: q(base_free),
                locked: q(base_locked),
            },
        );
        account
    }

    fn sell(quantity: &str) -> ReduceProposal {
        ReduceProposal {
            decision_id: DecisionId::new("exit-1").unwrap(),
            symbol: btc(),
            quantity: q(quantity),
            reduce_only: true,
            limit_price: None,
            exit_plan: None,
        }
    }

    fn reduced(quantity: &str, capped: bool) -> Reduction {
        Reduction {
            quantity: q(quantity),
            capped,
        }
    }

    #[test]
    fn an_exit_exactly_the_position_size_is_not_capped() {
        let account = holding("2", "2", "0");
        assert_eq!(check(&sell("1.99"), &account), Ok(reduced("1.99", false)));
        assert_eq!(check(&sell("2"), &account), Ok(reduced("2", false)));
        assert_eq!(check(&sell("2.01"), &account), Ok(reduced("2", true)));
    }

    #[test]
    fn fees_paid_in_the_base_asset_cap_the_exit_at_what_is_held() {
        let account = holding("2", "1.998", "0");
        assert_eq!(check(&sell("2"), &account), Ok(reduced("1.998", true)));
    }

    #[test]
    fn base_locked_by_protection_still_belongs_to_the_position() {
        let account = holding("2", "0", "2");
        assert_eq!(check(&sell("2"), &account), Ok(reduced("2", false)));
    }

    #[test]
    fn nothing_held_means_nothing_to_reduce() {
        assert_eq!(
            check(&sell("1"), &account()),
            Err(ReasonCode::RiskNothingToReduce)
        );
        let dust_gone = holding("2", "0", "0");
        assert_eq!(
            check(&sell("1"), &dust_gone),
            Err(ReasonCode::RiskNothingToReduce)
        );
    }

    #[test]
    fn a_proposal_that_is_not_reduce_only_is_refused() {
        let account = holding("2", "2", "0");
        let proposal = ReduceProposal {
            reduce_only: false,
            ..sell("1")
        };
        assert_eq!(
            check(&proposal, &account),
            Err(ReasonCode::CapExitNotReduceOnly)
        );
    }
}
