use serde::{Deserialize, Serialize};

use crate::contracts::ai_modification_rank::{check_entry, check_trailing};
use crate::violation::require;
use crate::{
    ContractViolation, Decision, EntryKind, Fallback, Price, Quantity, ReasonCode, Validate,
};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiModification {
    pub quantity: Option<Quantity>,
    pub take_profit: Option<Price>,
    pub stop_loss: Option<Price>,
    #[serde(default)]
    pub entry_kind: Option<EntryKind>,
    #[serde(default)]
    pub fallback: Option<Fallback>,
    #[serde(default)]
    pub trailing_delta_bips: Option<u32>,
}

impl AiModification {
    pub fn is_empty(&self) -> bool {
        self.quantity.is_none()
            && self.take_profit.is_none()
            && self.stop_loss.is_none()
            && self.entry_kind.is_none()
            && self.fallback.is_none()
            && self.trailing_delta_bips.is_none()
    }

    pub fn apply_to(&self, decision: &Decision) -> Result<Decision, ContractViolation> {
        self.check_conservative(decision)?;
        check_entry(self.entry_kind, self.fallback, &decision.entry)?;
        check_trailing(self.trailing_delta_bips, &decision.exit)?;
        let mut modified = decision.clone();
        modified.quantity = self.quantity.unwrap_or(decision.quantity);
        modified.exit.take_profit = self.take_profit.unwrap_or(decision.exit.take_profit);
        modified.exit.stop_loss = self.stop_loss.unwrap_or(decision.exit.stop_loss);
        modified.entry.kind = self.entry_kind.unwrap_or(decision.entry.kind);
        modified.entry.fallback = self.fallback.unwrap_or(decision.entry.fallback);
        modified.exit.trailing_delta_bips = self
            .trailing_delta_bips
            .or(decision.exit.trailing_delta_bips);
        modified.validate().map_err(|violation| {
            ContractViolation::new(
                ReasonCode::AiModifyInvalid,
                violation.field,
                violation.detail,
            )
        })?;
        Ok(modified)
    }

    fn check_conservative(&self, decision: &Decision) -> Result<(), ContractViolation> {
        let bigger = self.quantity.is_some_and(|q| q > decision.quantity);
        require(
            !bigger,
            ReasonCode::AiModifyRiskIncrease,
            "quantity",
            || format!("{:?} exceeds {}", self.quantity, decision.quantity),
        )?;
        let looser = self
            .stop_loss
            .is_some_and(|sl| sl < decision.exit.stop_loss);
        require(
            !looser,
            ReasonCode::AiModifyRiskIncrease,
            "stop_loss",
            || format!("{:?} is below {}", self.stop_loss, decision.exit.stop_loss),
        )?;
        let greedier = self
            .take_profit
            .is_some_and(|tp| tp > decision.exit.take_profit);
        require(
            !greedier,
            ReasonCode::AiModifyRiskIncrease,
            "take_profit",
            || {
                format!(
                    "{:?} is above {}",
                    self.take_profit, decision.exit.take_profit
                )
            },
        )
    }
}

impl Validate for AiModification {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            !self.is_empty(),
            ReasonCode::ContractModifyWithoutModification,
            "modification",
            || "modification changes nothing".to_owned(),
        )?;
        require(
            self.quantity.is_none_or(Quantity::is_positive),
            ReasonCode::ContractQuantityNotPositive,
            "quantity",
            || format!("{:?} is not positive", self.quantity),
        )?;
        for (field, price) in [
            ("take_profit", self.take_profit),
            ("stop_loss", self.stop_loss),
        ] {
            require(
                price.is_none_or(Price::is_positive),
                ReasonCode::ContractPriceNotPositive,
                field,
                || format!("{price:?} is not positive"),
            )?;
        }
        Ok(())
    }
}
