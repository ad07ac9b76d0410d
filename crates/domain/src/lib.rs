mod audit;
mod clock;
mod contracts;
mod correlation;
mod hashing;
mod ids;
mod money;
mod reason;
mod role;
mod side;
mod state;
mod symbol;
mod text_enum;
mod violation;

pub use audit::{AuditEvent, AuditEventType};
pub use clock::{Clock, FixedClock, SystemClock};
pub use contracts::{
    AiGateResult, AiModification, AiVerdict, BookLevel, Decision, ENTRY_MAX_SLIPPAGE_BPS,
    EntryKind, EntryPlan, ExitPlan, Fallback, IntentKind, Kline, MAKER_FIRST_MAX_TTL_MS,
    MAKER_FIRST_MIN_TTL_MS, MarketSnapshot, OrderIntent, Regime, RiskOutcome, RiskVerdict,
    SIGNED_INTENT_MAX_NONCE_CHARS, SignedIntent, TRAILING_DELTA_MAX_BIPS, TRAILING_DELTA_MIN_BIPS,
    TrailingMode, VerdictShape,
};
pub use correlation::CorrelationIds;
pub use hashing::{
    canonical_hash, canonical_json, canonical_json_text, input_hash, is_sha256_hex, sha256_hex,
};
pub use ids::{ClientOrderId, CycleId, DecisionId, OrderIntentId, RunId, SnapshotId};
pub use money::{Bps, Notional, Price, Quantity, Score};
pub use reason::ReasonCode;
pub use role::ProcessRole;
pub use side::Side;
pub use state::{
    IntentState, OrderLookup, OrderStatus, PositionState, SysMode, TransitionRejected,
};
pub use symbol::Symbol;
pub use violation::{ContractViolation, Validate, require};
