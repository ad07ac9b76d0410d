use serde::{Deserialize, Serialize};

use crate::hashing::{canonical_hash, is_sha256_hex};
use crate::violation::require;
use crate::{
    Bps, ContractViolation, CycleId, DecisionId, EntryPlan, ExitPlan, Quantity, ReasonCode, Score,
    Side, SnapshotId, Symbol, Validate,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Regime {
    Trend,
    Range,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub decision_id: DecisionId,
    pub cycle_id: CycleId,
    pub snapshot_id: SnapshotId,
    pub snapshot_hash: String,
    pub symbol: Symbol,
    pub side: Side,
    pub regime: Regime,
    pub score: Score,
    pub edge_bps: Bps,
    pub quantity: Quantity,
    pub entry: EntryPlan,
    pub exit: ExitPlan,
    pub reason_codes: Vec<ReasonCode>,
    pub created_ts_ms: i64,
    pub expires_at_ms: i64,
}

impl Decision {
    pub fn decision_hash(&self) -> Result<String, ContractViolation> {
        canonical_hash(self)
    }

    fn validate_header(&self) -> Result<(), ContractViolation> {
        require(
            is_sha256_hex(&self.snapshot_hash),
            ReasonCode::ContractHashInvalid,
            "snapshot_hash",
            || format!("{:?} is not lowercase sha256 hex", self.snapshot_hash),
        )?;
        require(
            self.side == Side::Buy,
            ReasonCode::ContractSideInvalid,
            "side",
            || "spot entries are buys".to_owned(),
        )?;
        require(
            self.created_ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "created_ts_ms",
            || format!("{} is not a positive epoch millisecond", self.created_ts_ms),
        )?;
        require(
            self.expires_at_ms > self.created_ts_ms,
            ReasonCode::ContractExpiryNotAfterCreation,
            "expires_at_ms",
            || format!("{} is not after {}", self.expires_at_ms, self.created_ts_ms),
        )?;
        require(
            self.score.is_unit_interval(),
            ReasonCode::ContractScoreOutOfRange,
            "score",
            || format!("{} outside 0..=10000", self.score.raw()),
        )?;
        require(
            self.quantity.is_positive(),
            ReasonCode::ContractQuantityNotPositive,
            "quantity",
            || format!("{} is not positive", self.quantity),
        )
    }

    fn validate_brackets(&self) -> Result<(), ContractViolation> {
        let entry = self.entry.limit_price;
        require(
            self.exit.take_profit > entry,
            ReasonCode::ContractTpNotAboveEntry,
            "exit.take_profit",
            || format!("{} is not above entry {entry}", self.exit.take_profit),
        )?;
        require(
            self.exit.stop_loss < entry,
            ReasonCode::ContractSlNotBelowEntry,
            "exit.stop_loss",
            || format!("{} is not below entry {entry}", self.exit.stop_loss),
        )
    }
}

impl Validate for Decision {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.validate_header()?;
        self.entry.validate().map_err(|v| v.within("entry"))?;
        self.exit.validate().map_err(|v| v.within("exit"))?;
        self.validate_brackets()
    }
}
