use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::contracts::market_parts::{BookLevel, Kline, validate_klines, validate_side_of_book};
use crate::hashing::canonical_hash;
use crate::violation::require;
use crate::{Bps, ContractViolation, Price, ReasonCode, SnapshotId, Symbol, Validate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketSnapshot {
    pub snapshot_id: SnapshotId,
    pub symbol: Symbol,
    pub ts_ms: i64,
    pub best_bid: Price,
    pub best_ask: Price,
    pub last_price: Price,
    pub bids: Vec<BookLevel>,
    pub asks: Vec<BookLevel>,
    pub klines: Vec<Kline>,
    pub book_update_id: u64,
    pub ws_age_ms: i64,
    pub rest_age_ms: i64,
}

impl MarketSnapshot {
    pub fn snapshot_hash(&self) -> Result<String, ContractViolation> {
        canonical_hash(self)
    }

    pub fn mid(&self) -> Decimal {
        (self.best_bid.value() + self.best_ask.value()) / Decimal::TWO
    }

    pub fn spread_bps(&self) -> Option<Bps> {
        let mid = self.mid();
        if mid.is_zero() {
            return None;
        }
        let spread = self.best_ask.value() - self.best_bid.value();
        Bps::new(spread / mid * Bps::ONE_HUNDRED_PERCENT).ok()
    }

    fn validate_prices(&self) -> Result<(), ContractViolation> {
        for (field, price) in [
            ("best_bid", self.best_bid),
            ("best_ask", self.best_ask),
            ("last_price", self.last_price),
        ] {
            require(
                price.is_positive(),
                ReasonCode::ContractPriceNotPositive,
                field,
                || format!("{price} is not positive"),
            )?;
        }
        require(
            self.best_bid < self.best_ask,
            ReasonCode::ContractBookCrossed,
            "best_ask",
            || format!("bid {} is not below ask {}", self.best_bid, self.best_ask),
        )
    }

    fn validate_ages(&self) -> Result<(), ContractViolation> {
        require(
            self.ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "ts_ms",
            || format!("{} is not a positive epoch millisecond", self.ts_ms),
        )?;
        for (field, age) in [
            ("ws_age_ms", self.ws_age_ms),
            ("rest_age_ms", self.rest_age_ms),
        ] {
            require(age >= 0, ReasonCode::ContractAgeInvalid, field, || {
                format!("{age} is negative")
            })?;
        }
        Ok(())
    }
}

impl Validate for MarketSnapshot {
    fn validate(&self) -> Result<(), ContractViolation> {
        self.validate_ages()?;
        self.validate_prices()?;
        validate_side_of_book("bids", &self.bids, self.best_bid, true)?;
        validate_side_of_book("asks", &self.asks, self.best_ask, false)?;
        validate_klines(&self.klines)
    }
}
