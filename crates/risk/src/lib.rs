mod account_slot;
mod audit_events;
mod desk;
mod desk_loop;
mod error;
mod executor_link;
mod frame;
mod inbound;
mod intake;
mod market_book;
pub mod rules;
mod snapshot_feed;
mod stale_block;
mod subscribe;
mod wire;

#[cfg(test)]
mod samples;

pub use account_slot::{AccountFreshness, AccountSlot};
pub use desk::{DeskSettings, Judgement, RiskDesk};
pub use error::RiskProcessError;
pub use executor_link::{EXECUTOR_RECONNECT_PAUSE, OUTGOING_QUEUE};
pub use frame::{RISK_AUDIT_FLUSH_TIMEOUT, ipc_limits, run, serve};
pub use intake::RISK_ALLOWLIST;
pub use market_book::MarketBook;
pub use snapshot_feed::{RISK_VOLATILITY_RETURNS, market_from_snapshot};
pub use wire::{ProposalMarket, ProposalMessage, ProposalWire, decode_account, decode_proposal};
