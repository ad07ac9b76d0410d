use crate::filter_check::{CheckContext, OrderCheck};
use crate::filters::{FilterReason, FilterViolation, SymbolFilter};
use crate::rest::enums::{OrderSide, OrderType};
use rust_decimal::Decimal;

pub(crate) fn check_count_filter(
    filter: &SymbolFilter,
    order: &OrderCheck,
    ctx: &CheckContext,
) -> Result<(), FilterViolation> {
    let iceberg = order.iceberg_qty.is_some_and(|q| !q.is_zero());
    let algo = order.is_algo();
    match filter {
        SymbolFilter::IcebergParts { limit } => check_iceberg_parts(order, *limit),
        SymbolFilter::MaxNumOrders { max_num_orders } => below(
            ctx.symbol_open.orders,
            *max_num_orders,
            FilterReason::MaxNumOrders,
        ),
        SymbolFilter::MaxNumAlgoOrders {
            max_num_algo_orders,
        } if algo => below(
            ctx.symbol_open.algo_orders,
            *max_num_algo_orders,
            FilterReason::MaxNumAlgoOrders,
        ),
        SymbolFilter::MaxNumIcebergOrders {
            max_num_iceberg_orders,
        } if iceberg => below(
            ctx.symbol_open.iceberg_orders,
            *max_num_iceberg_orders,
            FilterReason::MaxNumIcebergOrders,
        ),
        SymbolFilter::ExchangeMaxNumOrders { max_num_orders } => below(
            ctx.exchange_open.orders,
            *max_num_orders,
            FilterReason::ExchangeMaxNumOrders,
        ),
        SymbolFilter::ExchangeMaxNumAlgoOrders {
            max_num_algo_orders,
        } if algo => below(
            ctx.exchange_open.algo_orders,
            *max_num_algo_orders,
            FilterReason::ExchangeMaxNumAlgoOrders,
        ),
        SymbolFilter::ExchangeMaxNumIcebergOrders {
            max_num_iceberg_orders,
        } if iceberg => below(
            ctx.exchange_open.iceberg_orders,
            *max_num_iceberg_orders,
            FilterReason::ExchangeMaxNumIcebergOrders,
        ),
        _ => check_position_and_list_rules(filter, order, ctx),
    }
}

fn check_position_and_list_rules(
    filter: &SymbolFilter,
    order: &OrderCheck,
    ctx: &CheckContext,
) -> Result<(), FilterViolation> {
    match filter {
        SymbolFilter::MaxPosition { max_position } => check_max_position(order, ctx, *max_position),
        SymbolFilter::TrailingDelta { .. } => check_trailing_delta(filter, order),
        SymbolFilter::MaxAsset { asset, limit } => check_max_asset(order, ctx, asset, *limit),
        SymbolFilter::MaxNumOrderLists {
            max_num_order_lists,
        } if ctx.new_order_list => below(
            ctx.symbol_open.order_lists,
            *max_num_order_lists,
            FilterReason::MaxNumOrderLists,
        ),
        SymbolFilter::ExchangeMaxNumOrderLists {
            max_num_order_lists,
        } if ctx.new_order_list => below(
            ctx.exchange_open.order_lists,
            *max_num_order_lists,
            FilterReason::ExchangeMaxNumOrderLists,
        ),
        _ => Ok(()),
    }
}

fn below(open: u64, max: u64, reason: FilterReason) -> Result<(), FilterViolation> {
    if open >= max {
        return Err(FilterViolation::new(
            reason,
            format!("{open} open, limit {max}"),
        ));
    }
    Ok(())
}

fn check_iceberg_parts(order: &OrderCheck, limit: u64) -> Result<(), FilterViolation> {
    let Some(iceberg) = order.iceberg_qty.filter(|q| !q.is_zero()) else {
        return Ok(());
    };
    let parts = (order.quantity / iceberg).ceil();
    if parts > Decimal::from(limit) {
        return Err(FilterViolation::new(
            FilterReason::IcebergParts,
            format!("{parts} parts above limit {limit}"),
        ));
    }
    Ok(())
}

fn check_max_position(
    order: &OrderCheck,
    ctx: &CheckContext,
    max_position: Decimal,
) -> Result<(), FilterViolation> {
    if order.side == OrderSide::Buy && ctx.position_base + order.quantity > max_position {
        return Err(FilterViolation::new(
            FilterReason::MaxPosition,
            format!(
                "position {} + {} above {max_position}",
                ctx.position_base, order.quantity
            ),
        ));
    }
    Ok(())
}

fn trails_above(order: &OrderCheck) -> bool {
    matches!(
        (order.order_type, order.side),
        (
            OrderType::StopLoss | OrderType::StopLossLimit,
            OrderSide::Buy
        ) | (
            OrderType::TakeProfit | OrderType::TakeProfitLimit,
            OrderSide::Sell
        )
    )
}

fn check_max_asset(
    order: &OrderCheck,
    ctx: &CheckContext,
    asset: &str,
    limit: Decimal,
) -> Result<(), FilterViolation> {
    if asset == ctx.base_asset && order.quantity > limit {
        return Err(FilterViolation::new(
            FilterReason::MaxAsset,
            format!("quantity above {asset} limit {limit}"),
        ));
    }
    if asset == ctx.quote_asset {
        let notional = order.notional_price(ctx).map(|p| p * order.quantity);
        if notional.is_some_and(|n| n > limit) {
            return Err(FilterViolation::new(
                FilterReason::MaxAsset,
                format!("notional above {asset} limit {limit}"),
            ));
        }
    }
    Ok(())
}

fn check_trailing_delta(filter: &SymbolFilter, order: &OrderCheck) -> Result<(), FilterViolation> {
    let (
        SymbolFilter::TrailingDelta {
            min_trailing_above_delta,
            max_trailing_above_delta,
            min_trailing_below_delta,
            max_trailing_below_delta,
        },
        Some(delta),
    ) = (filter, order.trailing_delta)
    else {
        return Ok(());
    };
    let (min, max) = if trails_above(order) {
        (*min_trailing_above_delta, *max_trailing_above_delta)
    } else {
        (*min_trailing_below_delta, *max_trailing_below_delta)
    };
    if delta < min || delta > max {
        return Err(FilterViolation::new(
            FilterReason::TrailingDelta,
            format!("trailingDelta {delta} outside [{min}, {max}]"),
        ));
    }
    Ok(())
}
