use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::violation::require;
use crate::{Bps, ContractViolation, Price, ReasonCode, Validate};

pub const MAKER_FIRST_MIN_TTL_MS: u64 = 250;
pub const MAKER_FIRST_MAX_TTL_MS: u64 = 120_000;
pub const ENTRY_MAX_SLIPPAGE_BPS: Decimal = Decimal::from_parts(500, 0, 0, false, 0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryKind {
    MakerFirst { ttl_ms: u64 },
    Ioc,
    Market,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Fallback {
    None,
    Ioc,
    Market,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPlan {
    pub kind: EntryKind,
    pub limit_price: Price,
    pub fallback: Fallback,
    pub max_slippage_bps: Bps,
}

impl Validate for EntryPlan {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.limit_price.is_positive(),
            ReasonCode::ContractPriceNotPositive,
            "limit_price",
            || format!("{} is not positive", self.limit_price),
        )?;
        if let EntryKind::MakerFirst { ttl_ms } = self.kind {
            let bounds = MAKER_FIRST_MIN_TTL_MS..=MAKER_FIRST_MAX_TTL_MS;
            require(
                bounds.contains(&ttl_ms),
                ReasonCode::ContractTtlOutOfBounds,
                "kind.ttl_ms",
                || format!("{ttl_ms} outside {MAKER_FIRST_MIN_TTL_MS}..={MAKER_FIRST_MAX_TTL_MS}"),
            )?;
        } else {
            require(
                self.fallback == Fallback::None,
                ReasonCode::ContractFallbackInvalid,
                "fallback",
                || "only MAKER_FIRST entries have a fallback".to_owned(),
            )?;
        }
        let slippage = self.max_slippage_bps.value();
        require(
            slippage >= Decimal::ZERO && slippage <= ENTRY_MAX_SLIPPAGE_BPS,
            ReasonCode::ContractSlippageOutOfRange,
            "max_slippage_bps",
            || format!("{slippage} outside 0..={ENTRY_MAX_SLIPPAGE_BPS}"),
        )
    }
}
