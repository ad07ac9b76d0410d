use livespot_domain::ReasonCode;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "filterType", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SymbolFilter {
    #[serde(rename_all = "camelCase")]
    PriceFilter {
        min_price: Decimal,
        max_price: Decimal,
        tick_size: Decimal,
    },
    #[serde(rename_all = "camelCase")]
    PercentPrice {
        multiplier_up: Decimal,
        multiplier_down: Decimal,
        avg_price_mins: u32,
    },
    #[serde(rename_all = "camelCase")]
    PercentPriceBySide {
        bid_multiplier_up: Decimal,
        bid_multiplier_down: Decimal,
        ask_multiplier_up: Decimal,
        ask_multiplier_down: Decimal,
        avg_price_mins: u32,
    },
    #[serde(rename_all = "camelCase")]
    LotSize {
        min_qty: Decimal,
        max_qty: Decimal,
        step_size: Decimal,
    },
    #[serde(rename_all = "camelCase")]
    MarketLotSize {
        min_qty: Decimal,
        max_qty: Decimal,
        step_size: Decimal,
    },
    #[serde(rename_all = "camelCase")]
    MinNotional {
        min_notional: Decimal,
        apply_to_market: bool,
        avg_price_mins: u32,
    },
    #[serde(rename_all = "camelCase")]
    Notional {
        min_notional: Decimal,
        apply_min_to_market: bool,
        max_notional: Decimal,
        apply_max_to_market: bool,
        avg_price_mins: u32,
    },
    IcebergParts {
        limit: u64,
    },
    #[serde(rename_all = "camelCase")]
    MaxNumOrders {
        max_num_orders: u64,
    },
    #[serde(rename_all = "camelCase")]
    MaxNumAlgoOrders {
        max_num_algo_orders: u64,
    },
    #[serde(rename_all = "camelCase")]
    MaxNumIcebergOrders {
        max_num_iceberg_orders: u64,
    },
    #[serde(rename_all = "camelCase")]
    MaxPosition {
        max_position: Decimal,
    },
    #[serde(rename_all = "camelCase")]
    TrailingDelta {
        min_trailing_above_delta: u64,
        max_trailing_above_delta: u64,
        min_trailing_below_delta: u64,
        max_trailing_below_delta: u64,
    },
    #[serde(rename_all = "camelCase")]
    MaxNumOrderAmends {
        max_num_order_amends: u64,
    },
    #[serde(rename_all = "camelCase")]
    MaxNumOrderLists {
        max_num_order_lists: u64,
    },
    #[serde(rename_all = "camelCase")]
    ExchangeMaxNumOrders {
        max_num_orders: u64,
    },
    #[serde(rename_all = "camelCase")]
    ExchangeMaxNumAlgoOrders {
        max_num_algo_orders: u64,
    },
    #[serde(rename_all = "camelCase")]
    ExchangeMaxNumIcebergOrders {
        max_num_iceberg_orders: u64,
    },
    #[serde(rename_all = "camelCase")]
    ExchangeMaxNumOrderLists {
        max_num_order_lists: u64,
    },
    MaxAsset {
        asset: String,
        limit: Decimal,
    },
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterReason {
    Price,
    PercentPrice,
    PercentPriceBySide,
    LotSize,
    MarketLotSize,
    MinNotional,
    Notional,
    IcebergParts,
    MaxNumOrders,
    MaxNumAlgoOrders,
    MaxNumIcebergOrders,
    MaxPosition,
    TrailingDelta,
    MaxNumOrderLists,
    ExchangeMaxNumOrders,
    ExchangeMaxNumAlgoOrders,
    ExchangeMaxNumIcebergOrders,
    ExchangeMaxNumOrderLists,
    MaxAsset,
    MissingReferencePrice,
    NonPositive,
}

impl FilterReason {
    pub fn reason_code(self) -> ReasonCode {
        match self {
            Self::Price => ReasonCode::FilterPrice,
            Self::PercentPrice => ReasonCode::FilterPercentPrice,
            Self::PercentPriceBySide => ReasonCode::FilterPercentPriceBySide,
            Self::LotSize => ReasonCode::FilterLotSize,
            Self::MarketLotSize => ReasonCode::FilterMarketLotSize,
            Self::MinNotional => ReasonCode::FilterMinNotional,
            Self::Notional => ReasonCode::FilterNotional,
            Self::IcebergParts => ReasonCode::FilterIcebergParts,
            Self::MaxNumOrders => ReasonCode::FilterMaxNumOrders,
            Self::MaxNumAlgoOrders => ReasonCode::FilterMaxNumAlgoOrders,
            Self::MaxNumIcebergOrders => ReasonCode::FilterMaxNumIcebergOrders,
            Self::MaxPosition => ReasonCode::FilterMaxPosition,
            Self::TrailingDelta => ReasonCode::FilterTrailingDelta,
            Self::MaxNumOrderLists => ReasonCode::FilterMaxNumOrderLists,
            Self::ExchangeMaxNumOrders => ReasonCode::FilterExchangeMaxNumOrders,
            Self::ExchangeMaxNumAlgoOrders => ReasonCode::FilterExchangeMaxNumAlgoOrders,
            Self::ExchangeMaxNumIcebergOrders => ReasonCode::FilterExchangeMaxNumIcebergOrders,
            Self::ExchangeMaxNumOrderLists => ReasonCode::FilterExchangeMaxNumOrderLists,
            Self::MaxAsset => ReasonCode::FilterMaxAsset,
            Self::MissingReferencePrice => ReasonCode::FilterMissingReferencePrice,
            Self::NonPositive => ReasonCode::FilterNonPositive,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.reason_code().as_str()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {detail}", reason.as_str())]
pub struct FilterViolation {
    pub reason: FilterReason,
    pub detail: String,
}

impl FilterViolation {
    pub fn new(reason: FilterReason, detail: impl Into<String>) -> Self {
        Self {
            reason,
            detail: detail.into(),
        }
    }

    pub fn reason_code(&self) -> ReasonCode {
        self.reason.reason_code()
    }
}

pub fn is_multiple(value: Decimal, step: Decimal) -> bool {
    step.is_zero() || (value % step).is_zero()
}
