pub mod audit_record;
pub mod balance;
pub mod cooldown;
pub mod daily_loss;
pub mod drawdown;
pub mod engine;
pub mod exposure;
pub mod inputs;
pub mod limits;
pub mod loss_streak;
pub mod reduce;
pub mod reduce_assessment;
pub mod reduce_verdict;
pub mod spread_guard;
pub mod stale_data;
pub mod sys_mode;
pub mod trades_per_day;
pub mod verdict;
pub mod volatility_guard;

#[cfg(test)]
mod engine_tests;
#[cfg(test)]
pub(crate) mod fixtures;

pub use audit_record::verdict_event;
pub use engine::RiskEngine;
pub use exposure::{EntryAsk, Sizing};
pub use inputs::{
    AccountView, Balance, LossStreak, MarketView, OpenOrder, Position, Proposal, ReduceProposal,
    SymbolMarket, SymbolMinimum,
};
pub use limits::RiskLimits;
pub use reduce::Reduction;
pub use reduce_verdict::ReduceVerdict;
pub use verdict::{Assessment, Verdict};
