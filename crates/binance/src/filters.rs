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
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Price => "FILTER_PRICE",
            Self::PercentPrice => "FILTER_PERCENT_PRICE",
            Self::PercentPriceBySide => "FILTER_PERCENT_PRICE_BY_SIDE",
            Self::LotSize => "FILTER_LOT_SIZE",
            Self::MarketLotSize => "FILTER_MARKET_LOT_SIZE",
            Self::MinNotional => "FILTER_MIN_NOTIONAL",
            Self::Notional => "FILTER_NOTIONAL",
            Self::IcebergParts => "FILTER_ICEBERG_PARTS",
            Self::MaxNumOrders => "FILTER_MAX_NUM_ORDERS",
            Self::MaxNumAlgoOrders => "FILTER_MAX_NUM_ALGO_ORDERS",
            Self::MaxNumIcebergOrders => "FILTER_MAX_NUM_ICEBERG_ORDERS",
            Self::MaxPosition => "FILTER_MAX_POSITION",
            Self::TrailingDelta => "FILTER_TRAILING_DELTA",
            Self::MaxNumOrderLists => "FILTER_MAX_NUM_ORDER_LISTS",
            Self::ExchangeMaxNumOrders => "FILTER_EXCHANGE_MAX_NUM_ORDERS",
            Self::ExchangeMaxNumAlgoOrders => "FILTER_EXCHANGE_MAX_NUM_ALGO_ORDERS",
            Self::ExchangeMaxNumIcebergOrders => "FILTER_EXCHANGE_MAX_NUM_ICEBERG_ORDERS",
            Self::ExchangeMaxNumOrderLists => "FILTER_EXCHANGE_MAX_NUM_ORDER_LISTS",
            Self::MaxAsset => "FILTER_MAX_ASSET",
            Self::MissingReferencePrice => "FILTER_MISSING_REFERENCE_PRICE",
            Self::NonPositive => "FILTER_NON_POSITIVE",
        }
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

    pub fn reason_code(&self) -> &'static str {
        self.reason.as_str()
    }
}

pub fn is_multiple(value: Decimal, step: Decimal) -> bool {
    step.is_zero() || (value % step).is_zero()
}
