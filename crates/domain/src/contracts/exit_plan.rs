use serde::{Deserialize, Serialize};

use crate::violation::require;
use crate::{Bps, ContractViolation, Price, ReasonCode, Validate};

pub const TRAILING_DELTA_MIN_BIPS: u32 = 10;
pub const TRAILING_DELTA_MAX_BIPS: u32 = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TrailingMode {
    Off,
    Virtual,
    Native,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitPlan {
    pub take_profit: Price,
    pub stop_loss: Price,
    pub atr: Price,
    pub tp_atr_multiple: Bps,
    pub sl_atr_multiple: Bps,
    pub trailing_mode: TrailingMode,
    pub trailing_delta_bips: Option<u32>,
}

impl ExitPlan {
    fn validate_prices(&self) -> Result<(), ContractViolation> {
        for (field, price) in [
            ("take_profit", self.take_profit),
            ("stop_loss", self.stop_loss),
        ] {
            require(
                price.is_positive(),
                ReasonCode::ContractPriceNotPositive,
                field,
                || format!("{price} is not positive"),
            )?;
        }
        require(
            self.atr.is_positive(),
            ReasonCode::ContractAtrNotPositive,
            "atr",
            || format!("{} is not positive", self.atr),
        )?;
        for (field, multiple) in [
            ("tp_atr_multiple", self.tp_atr_multiple),
            ("sl_atr_multiple", self.sl_atr_multiple),
        ] {
            require(
                multiple.is_positive(),
                ReasonCode::ContractAtrNotPositive,
                field,
                || format!("{multiple} is not positive"),
            )?;
        }
        require(
            self.take_profit > self.stop_loss,
            ReasonCode::ContractTpNotAboveEntry,
            "take_profit",
            || {
                format!(
                    "{} is not above stop loss {}",
                    self.take_profit, self.stop_loss
                )
            },
        )
    }

    fn validate_trailing(&self) -> Result<(), ContractViolation> {
        match (self.trailing_mode, self.trailing_delta_bips) {
            (TrailingMode::Off, None) => Ok(()),
            (TrailingMode::Off, Some(_)) => Err(ContractViolation::new(
                ReasonCode::ContractTrailingDeltaOutOfRange,
                "trailing_delta_bips",
                "trailing OFF carries no delta",
            )),
            (_, delta) => {
                let bounds = TRAILING_DELTA_MIN_BIPS..=TRAILING_DELTA_MAX_BIPS;
                require(
                    delta.is_some_and(|bips| bounds.contains(&bips)),
                    ReasonCode::ContractTrailingDeltaOutOfRange,
                    "trailing_delta_bips",
                    || {
                        format!(
                            "{delta:?} outside {TRAILING_DELTA_MIN_BIPS}..={TRAILING_DELTA_MAX_BIPS}"
                        )
                    },
                )
            }
        }
    }
}

impl Validate for ExitPlan {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.validate_prices()?;
        self.validate_trailing()
    }
}
