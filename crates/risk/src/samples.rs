use livespot_domain::{Decision, DecisionId};

use crate::rules::{AccountView, Balance, Position, Proposal, ReduceProposal, SymbolMinimum};
use crate::wire::{ProposalMarket, ProposalMessage};

pub use crate::rules::fixtures::{NOW, account, b, btc, decision_for, limits, n, p, q};

pub fn account_holding_btc(quantity: &str) -> AccountView {
    let mut held = account();
    held.positions.push(Position {
        symbol: btc(),
        base_asset: "BTC".to_owned(),
        entry_price: p("100"),
        quantity: q(quantity),
        notional: n("100"),
    });
    let base = Balance {
        free: q(quantity),
        locked: q("0"),
    };
    held.balances.insert("BTC".to_owned(), base);
    held
}

pub fn market_at(snapshot_ts_ms: i64) -> ProposalMarket {
    ProposalMarket {
        symbol: btc(),
        snapshot_ts_ms,
        spread_bps: b("2"),
        realized_volatility_bps: b("40"),
        minimum: SymbolMinimum {
            step_size: q("0.01"),
            min_quantity: q("0.01"),
            min_notional: n("5"),
        },
    }
}

pub fn decision(id: &str, quantity: &str) -> Decision {
    Decision {
        decision_id: DecisionId::new(id).unwrap(),
        ..decision_for(quantity)
    }
}

pub fn entry_message(id: &str, quantity: &str) -> ProposalMessage {
    ProposalMessage {
        proposal: Proposal::Entry(decision(id, quantity)),
        market: Some(market_at(NOW - 200)),
    }
}

pub fn exit_message(id: &str, quantity: &str) -> ProposalMessage {
    ProposalMessage {
        proposal: Proposal::Exit(ReduceProposal {
            decision_id: DecisionId::new(id).unwrap(),
            symbol: btc(),
            quantity: q(quantity),
            reduce_only: true,
            limit_price: None,
            exit_plan: None,
        }),
        market: None,
    }
}
