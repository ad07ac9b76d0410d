use serde::{Deserialize, Serialize};

use crate::violation::require;
use crate::{
    ContractViolation, DecisionId, EntryKind, EntryPlan, ExitPlan, OrderIntentId, Price, Quantity,
    ReasonCode, Side, Symbol, Validate,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IntentKind {
    Entry,
    Exit,
    Protect,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderIntent {
    pub order_intent_id: OrderIntentId,
    pub decision_id: DecisionId,
    pub symbol: Symbol,
    pub side: Side,
    pub kind: IntentKind,
    pub quantity: Quantity,
    pub limit_price: Option<Price>,
    pub entry_plan: Option<EntryPlan>,
    pub exit_plan: Option<ExitPlan>,
    pub reduce_only: bool,
    pub created_ts_ms: i64,
}

impl OrderIntent {
    fn validate_common(&self) -> Result<(), ContractViolation> {
        require(
            self.created_ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "created_ts_ms",
            || format!("{} is not a positive epoch millisecond", self.created_ts_ms),
        )?;
        require(
            self.quantity.is_positive(),
            ReasonCode::ContractQuantityNotPositive,
            "quantity",
            || format!("{} is not positive", self.quantity),
        )?;
        require(
            self.limit_price.is_none_or(Price::is_positive),
            ReasonCode::ContractPriceNotPositive,
            "limit_price",
            || format!("{:?} is not positive", self.limit_price),
        )?;
        let (side, reduce_only) = match self.kind {
            IntentKind::Entry => (Side::Buy, false),
            IntentKind::Exit | IntentKind::Protect => (Side::Sell, true),
        };
        require(
            self.side == side,
            ReasonCode::ContractSideInvalid,
            "side",
            || format!("{:?} intents are {side}", self.kind),
        )?;
        require(
            self.reduce_only == reduce_only,
            ReasonCode::ContractReduceOnlyMismatch,
            "reduce_only",
            || format!("{:?} intents have reduce_only={reduce_only}", self.kind),
        )
    }

    fn validate_entry(&self) -> Result<(), ContractViolation> {
        let (Some(entry), Some(exit)) = (&self.entry_plan, &self.exit_plan) else {
            return Err(ContractViolation::new(
                ReasonCode::ContractPlanMissing,
                "entry_plan",
                "ENTRY intents carry an entry plan and an exit plan",
            ));
        };
        entry.validate().map_err(|v| v.within("entry_plan"))?;
        exit.validate().map_err(|v| v.within("exit_plan"))?;
        let needs_price = !matches!(entry.kind, EntryKind::Market);
        require(
            !needs_price || self.limit_price.is_some(),
            ReasonCode::ContractFieldEmpty,
            "limit_price",
            || "limit entries carry a limit price".to_owned(),
        )?;
        let reference = entry.limit_price;
        require(
            exit.take_profit > reference,
            ReasonCode::ContractTpNotAboveEntry,
            "exit_plan.take_profit",
            || format!("{} is not above entry {reference}", exit.take_profit),
        )?;
        require(
            exit.stop_loss < reference,
            ReasonCode::ContractSlNotBelowEntry,
            "exit_plan.stop_loss",
            || format!("{} is not below entry {reference}", exit.stop_loss),
        )
    }

    fn validate_reducing(&self) -> Result<(), ContractViolation> {
        require(
            self.entry_plan.is_none(),
            ReasonCode::ContractPlanUnexpected,
            "entry_plan",
            || format!("{:?} intents carry no entry plan", self.kind),
        )?;
        if self.kind == IntentKind::Protect {
            require(
                self.exit_plan.is_some(),
                ReasonCode::ContractPlanMissing,
                "exit_plan",
                || "PROTECT intents carry the exit plan they install".to_owned(),
            )?;
        }
        match &self.exit_plan {
            Some(exit) => exit.validate().map_err(|v| v.within("exit_plan")),
            None => Ok(()),
        }
    }
}

impl Validate for OrderIntent {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.validate_common()?;
        match self.kind {
            IntentKind::Entry => self.validate_entry(),
            IntentKind::Exit | IntentKind::Protect => self.validate_reducing(),
        }
    }
}
