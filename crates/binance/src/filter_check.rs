use crate::filter_rules::{check_notional, check_percent, check_price, check_qty};
use crate::filters::{FilterReason, FilterViolation, SymbolFilter};
use crate::rest::enums::{OrderSide, OrderType};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCheck {
    pub side: OrderSide,
    pub order_type: OrderType,
    pub price: Option<Decimal>,
    pub stop_price: Option<Decimal>,
    pub quantity: Decimal,
    pub iceberg_qty: Option<Decimal>,
    pub trailing_delta: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenCounts {
    pub orders: u64,
    pub algo_orders: u64,
    pub iceberg_orders: u64,
    pub order_lists: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckContext {
    pub reference_price: Option<Decimal>,
    pub symbol_open: OpenCounts,
    pub exchange_open: OpenCounts,
    pub position_base: Decimal,
    pub base_asset: String,
    pub quote_asset: String,
    pub new_order_list: bool,
}

impl OrderCheck {
    pub(crate) fn is_market(&self) -> bool {
        matches!(self.order_type, OrderType::Market)
    }

    pub(crate) fn is_algo(&self) -> bool {
        matches!(
            self.order_type,
            OrderType::StopLoss
                | OrderType::StopLossLimit
                | OrderType::TakeProfit
                | OrderType::TakeProfitLimit
        )
    }

    pub(crate) fn limit_price(&self) -> Option<Decimal> {
        if self.is_market() { None } else { self.price }
    }

    pub(crate) fn notional_price(&self, ctx: &CheckContext) -> Option<Decimal> {
        self.limit_price().or(ctx.reference_price)
    }
}

pub fn check_order(
    filters: &[SymbolFilter],
    order: &OrderCheck,
    ctx: &CheckContext,
) -> Result<(), FilterViolation> {
    if order.quantity <= Decimal::ZERO || order.price.is_some_and(|p| p <= Decimal::ZERO) {
        return Err(FilterViolation::new(
            FilterReason::NonPositive,
            "price and quantity must be positive",
        ));
    }
    for filter in filters {
        check_one(filter, order, ctx)?;
    }
    Ok(())
}

fn check_one(
    filter: &SymbolFilter,
    order: &OrderCheck,
    ctx: &CheckContext,
) -> Result<(), FilterViolation> {
    check_price_rules(filter, order, ctx)?;
    check_quantity_rules(filter, order)?;
    check_notional_rules(filter, order, ctx)?;
    crate::filter_check_counts::check_count_filter(filter, order, ctx)
}

fn check_price_rules(
    filter: &SymbolFilter,
    order: &OrderCheck,
    ctx: &CheckContext,
) -> Result<(), FilterViolation> {
    match filter {
        SymbolFilter::PriceFilter {
            min_price,
            max_price,
            tick_size,
        } => {
            for price in [order.limit_price(), order.stop_price]
                .into_iter()
                .flatten()
            {
                check_price(price, *min_price, *max_price, *tick_size)?;
            }
            Ok(())
        }
        SymbolFilter::PercentPrice {
            multiplier_up,
            multiplier_down,
            ..
        } => check_percent(
            order,
            ctx,
            *multiplier_up,
            *multiplier_down,
            FilterReason::PercentPrice,
        ),
        SymbolFilter::PercentPriceBySide {
            bid_multiplier_up,
            bid_multiplier_down,
            ask_multiplier_up,
            ask_multiplier_down,
            ..
        } => {
            let (up, down) = match order.side {
                OrderSide::Buy => (*bid_multiplier_up, *bid_multiplier_down),
                OrderSide::Sell => (*ask_multiplier_up, *ask_multiplier_down),
            };
            check_percent(order, ctx, up, down, FilterReason::PercentPriceBySide)
        }
        _ => Ok(()),
    }
}

fn check_quantity_rules(filter: &SymbolFilter, order: &OrderCheck) -> Result<(), FilterViolation> {
    match filter {
        SymbolFilter::LotSize {
            min_qty,
            max_qty,
            step_size,
        } => {
            let reason = FilterReason::LotSize;
            check_qty(order.quantity, *min_qty, *max_qty, *step_size, reason)?;
            match order.iceberg_qty {
                Some(iceberg) => check_qty(iceberg, *min_qty, *max_qty, *step_size, reason),
                None => Ok(()),
            }
        }
        SymbolFilter::MarketLotSize {
            min_qty,
            max_qty,
            step_size,
        } if order.is_market() => {
            let reason = FilterReason::MarketLotSize;
            check_qty(order.quantity, *min_qty, *max_qty, *step_size, reason)
        }
        _ => Ok(()),
    }
}

fn check_notional_rules(
    filter: &SymbolFilter,
    order: &OrderCheck,
    ctx: &CheckContext,
) -> Result<(), FilterViolation> {
    match filter {
        SymbolFilter::MinNotional {
            min_notional,
            apply_to_market,
            ..
        } => {
            let min = (!order.is_market() || *apply_to_market).then_some(*min_notional);
            check_notional(order, ctx, min, None, FilterReason::MinNotional)
        }
        SymbolFilter::Notional {
            min_notional,
            apply_min_to_market,
            max_notional,
            apply_max_to_market,
            ..
        } => {
            let min = (!order.is_market() || *apply_min_to_market).then_some(*min_notional);
            let max = (!order.is_market() || *apply_max_to_market).then_some(*max_notional);
            check_notional(order, ctx, min, max, FilterReason::Notional)
        }
        _ => Ok(()),
    }
}
