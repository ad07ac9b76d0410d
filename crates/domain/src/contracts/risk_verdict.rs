use serde::{Deserialize, Serialize};

use crate::violation::require;
use crate::{ContractViolation, DecisionId, Quantity, ReasonCode, SysMode, Validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RiskOutcome {
    Approve,
    Block,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskVerdict {
    pub decision_id: DecisionId,
    pub outcome: RiskOutcome,
    pub reason_codes: Vec<ReasonCode>,
    pub approved_quantity: Option<Quantity>,
    pub sys_mode: SysMode,
    pub ts_ms: i64,
}

impl RiskVerdict {
    pub fn is_approved(&self) -> bool {
        self.outcome == RiskOutcome::Approve
    }

    fn shape(&self) -> VerdictShape<'_> {
        VerdictShape {
            outcome: self.outcome,
            reason_codes: &self.reason_codes,
            approved_quantity: self.approved_quantity,
            ts_ms: self.ts_ms,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct VerdictShape<'a> {
    pub outcome: RiskOutcome,
    pub reason_codes: &'a [ReasonCode],
    pub approved_quantity: Option<Quantity>,
    pub ts_ms: i64,
}

impl Validate for VerdictShape<'_> {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "ts_ms",
            || format!("{} is not a positive epoch millisecond", self.ts_ms),
        )?;
        match self.outcome {
            RiskOutcome::Approve => require(
                self.approved_quantity.is_some_and(Quantity::is_positive),
                ReasonCode::ContractQuantityNotPositive,
                "approved_quantity",
                || format!("{:?} is not a positive quantity", self.approved_quantity),
            ),
            RiskOutcome::Block => self.validate_block(),
        }
    }
}

impl VerdictShape<'_> {
    fn validate_block(&self) -> Result<(), ContractViolation> {
        require(
            !self.reason_codes.is_empty(),
            ReasonCode::ContractBlockWithoutReason,
            "reason_codes",
            || "BLOCK needs at least one reason code".to_owned(),
        )?;
        require(
            self.approved_quantity.is_none(),
            ReasonCode::ContractVerdictInconsistent,
            "approved_quantity",
            || "a BLOCK approves no quantity".to_owned(),
        )
    }
}

impl Validate for RiskVerdict {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.shape().validate()?;
        require(
            self.outcome == RiskOutcome::Block || self.sys_mode == SysMode::Normal,
            ReasonCode::EntryOutsideNormal,
            "sys_mode",
            || format!("approved while {}", self.sys_mode),
        )
    }
}
