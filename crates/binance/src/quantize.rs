use crate::filter_check::{CheckContext, OrderCheck, check_order};
use crate::filters::{FilterReason, FilterViolation, SymbolFilter};
use crate::rest::enums::{OrderSide, OrderType};
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    Down,
    Up,
}

pub fn round_to_step(value: Decimal, step: Decimal, rounding: Rounding) -> Decimal {
    if step <= Decimal::ZERO {
        return value;
    }
    let strategy = match rounding {
        Rounding::Down => RoundingStrategy::ToNegativeInfinity,
        Rounding::Up => RoundingStrategy::ToPositiveInfinity,
    };
    let steps = (value / step).round_dp_with_strategy(0, strategy);
    (steps * step).normalize()
}

pub fn safe_price_rounding(side: OrderSide) -> Rounding {
    match side {
        OrderSide::Buy => Rounding::Down,
        OrderSide::Sell => Rounding::Up,
    }
}

pub fn round_price(filters: &[SymbolFilter], price: Decimal, side: OrderSide) -> Decimal {
    match tick_size(filters) {
        Some(tick) => round_to_step(price, tick, safe_price_rounding(side)),
        None => price,
    }
}

pub fn round_quantity(
    filters: &[SymbolFilter],
    quantity: Decimal,
    order_type: OrderType,
) -> Decimal {
    let mut qty = quantity;
    for filter in filters {
        match filter {
            SymbolFilter::LotSize { step_size, .. } => {
                qty = round_to_step(qty, *step_size, Rounding::Down);
            }
            SymbolFilter::MarketLotSize { step_size, .. } if order_type == OrderType::Market => {
                qty = round_to_step(qty, *step_size, Rounding::Down);
            }
            _ => {}
        }
    }
    qty
}

fn tick_size(filters: &[SymbolFilter]) -> Option<Decimal> {
    filters.iter().find_map(|f| match f {
        SymbolFilter::PriceFilter { tick_size, .. } if !tick_size.is_zero() => Some(*tick_size),
        _ => None,
    })
}

pub fn quantize_order(
    filters: &[SymbolFilter],
    request: &OrderCheck,
    ctx: &CheckContext,
) -> Result<OrderCheck, FilterViolation> {
    if request.quantity <= Decimal::ZERO || request.price.is_some_and(|p| p <= Decimal::ZERO) {
        return Err(FilterViolation::new(
            FilterReason::NonPositive,
            "price and quantity must be positive",
        ));
    }
    let mut order = request.clone();
    order.price = order.price.map(|p| round_price(filters, p, order.side));
    order.stop_price = order
        .stop_price
        .map(|p| round_price(filters, p, order.side));
    order.quantity = round_quantity(filters, order.quantity, order.order_type);
    order.iceberg_qty = order
        .iceberg_qty
        .map(|q| round_quantity(filters, q, OrderType::Limit));
    if order.quantity.is_zero() {
        return Err(FilterViolation::new(
            FilterReason::LotSize,
            "quantity rounds to zero at stepSize",
        ));
    }
    if order.price.is_some_and(|p| p.is_zero()) {
        return Err(FilterViolation::new(
            FilterReason::Price,
            "price rounds to zero at tickSize",
        ));
    }
    check_order(filters, &order, ctx)?;
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn filters() -> Vec<SymbolFilter> {
        vec![
            SymbolFilter::PriceFilter {
                min_price: dec!(0.01),
                max_price: dec!(1000000),
                tick_size: dec!(0.01),
            },
            SymbolFilter::LotSize {
                min_qty: dec!(0.00001),
                max_qty: dec!(9000),
                step_size: dec!(0.00001),
            },
            SymbolFilter::Notional {
                min_notional: dec!(5),
                apply_min_to_market: true,
                max_notional: dec!(9000000),
                apply_max_to_market: false,
                avg_price_mins: 5,
            },
        ]
    }

    fn limit(side: OrderSide, price: Decimal, quantity: Decimal) -> OrderCheck {
        OrderCheck {
            side,
            order_type: OrderType::Limit,
            price: Some(price),
            stop_price: None,
            quantity,
            iceberg_qty: None,
            trailing_delta: None,
        }
    }

    #[test]
    fn buy_price_rounds_down_and_sell_price_rounds_up() {
        assert_eq!(
            round_price(&filters(), dec!(100.019), OrderSide::Buy),
            dec!(100.01)
        );
        assert_eq!(
            round_price(&filters(), dec!(100.011), OrderSide::Sell),
            dec!(100.02)
        );
        assert_eq!(
            round_price(&filters(), dec!(100.01), OrderSide::Sell),
            dec!(100.01)
        );
    }

    #[test]
    fn quantity_rounds_down_to_step() {
        assert_eq!(
            round_quantity(&filters(), dec!(0.123456789), OrderType::Limit),
            dec!(0.12345)
        );
    }

    #[test]
    fn order_below_notional_is_refused_with_reason_code() {
        let err = quantize_order(
            &filters(),
            &limit(OrderSide::Buy, dec!(100), dec!(0.01)),
            &CheckContext::default(),
        )
        .unwrap_err();
        assert_eq!(err.reason_code().as_str(), "FILTER_NOTIONAL");
    }

    #[test]
    fn valid_order_is_quantized_and_passes() {
        let order = quantize_order(
            &filters(),
            &limit(OrderSide::Sell, dec!(100.001), dec!(0.123456)),
            &CheckContext::default(),
        )
        .unwrap();
        assert_eq!(order.price, Some(dec!(100.01)));
        assert_eq!(order.quantity, dec!(0.12345));
    }
}
