mod ai_gate_result;
mod ai_modification;
mod ai_modification_rank;
mod decision;
mod entry_plan;
mod exit_plan;
mod gate_outcome;
mod intent_from_decision;
mod market_parts;
mod market_snapshot;
mod order_intent;
mod risk_verdict;
mod signed_intent;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests_decision;
#[cfg(test)]
mod tests_gate_and_verdict;
#[cfg(test)]
mod tests_intent;
#[cfg(test)]
mod tests_snapshot;

pub use ai_gate_result::{AiGateResult, AiVerdict};
pub use ai_modification::AiModification;
pub use decision::{Decision, Regime};
pub use entry_plan::{
    ENTRY_MAX_SLIPPAGE_BPS, EntryKind, EntryPlan, Fallback, MAKER_FIRST_MAX_TTL_MS,
    MAKER_FIRST_MIN_TTL_MS,
};
pub use exit_plan::{ExitPlan, TRAILING_DELTA_MAX_BIPS, TRAILING_DELTA_MIN_BIPS, TrailingMode};
pub use market_parts::{BookLevel, Kline};
pub use market_snapshot::MarketSnapshot;
pub use order_intent::{IntentKind, OrderIntent};
pub use risk_verdict::{RiskOutcome, RiskVerdict, VerdictShape};
pub use signed_intent::{SIGNED_INTENT_MAX_NONCE_CHARS, SignedIntent};
