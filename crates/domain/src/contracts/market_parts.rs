use serde::{Deserialize, Serialize};

use crate::violation::require;
use crate::{ContractViolation, Price, Quantity, ReasonCode, Validate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookLevel {
    pub price: Price,
    pub quantity: Quantity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kline {
    pub open_time_ms: i64,
    pub close_time_ms: i64,
    pub open: Price,
    pub high: Price,
    pub low: Price,
    pub close: Price,
    pub volume: Quantity,
}

impl Validate for BookLevel {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.price.is_positive(),
            ReasonCode::ContractPriceNotPositive,
            "price",
            || format!("{} is not positive", self.price),
        )?;
        require(
            self.quantity.is_positive(),
            ReasonCode::ContractQuantityNotPositive,
            "quantity",
            || format!("{} is not positive", self.quantity),
        )
    }
}

impl Validate for Kline {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.open_time_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "open_time_ms",
            || format!("{} is not a positive epoch millisecond", self.open_time_ms),
        )?;
        require(
            self.close_time_ms > self.open_time_ms,
            ReasonCode::ContractKlineInvalid,
            "close_time_ms",
            || {
                format!(
                    "{} is not after open {}",
                    self.close_time_ms, self.open_time_ms
                )
            },
        )?;
        require(
            self.low.is_positive(),
            ReasonCode::ContractPriceNotPositive,
            "low",
            || format!("{} is not positive", self.low),
        )?;
        let body_low = self.open.min(self.close);
        let body_high = self.open.max(self.close);
        require(
            self.low <= body_low,
            ReasonCode::ContractKlineInvalid,
            "low",
            || format!("low {} above open/close", self.low),
        )?;
        require(
            self.high >= body_high,
            ReasonCode::ContractKlineInvalid,
            "high",
            || format!("high {} below open/close", self.high),
        )
    }
}

pub fn validate_side_of_book(
    field: &str,
    levels: &[BookLevel],
    best: Price,
    descending: bool,
) -> Result<(), ContractViolation> {
    for (index, level) in levels.iter().enumerate() {
        level
            .validate()
            .map_err(|v| v.within(&format!("{field}[{index}]")))?;
    }
    if let Some(first) = levels.first() {
        require(
            first.price == best,
            ReasonCode::ContractBookInconsistent,
            field,
            || format!("first level {} differs from best {best}", first.price),
        )?;
    }
    let ordered = levels.windows(2).all(|pair| {
        if descending {
            pair[0].price > pair[1].price
        } else {
            pair[0].price < pair[1].price
        }
    });
    require(ordered, ReasonCode::ContractBookInconsistent, field, || {
        "levels are not strictly ordered away from the touch".to_owned()
    })
}

pub fn validate_klines(klines: &[Kline]) -> Result<(), ContractViolation> {
    for (index, kline) in klines.iter().enumerate() {
        kline
            .validate()
            .map_err(|v| v.within(&format!("klines[{index}]")))?;
    }
    let ascending = klines
        .windows(2)
        .all(|pair| pair[0].open_time_ms < pair[1].open_time_ms);
    require(
        ascending,
        ReasonCode::ContractKlineInvalid,
        "klines",
        || "klines are not in ascending open time".to_owned(),
    )
}
