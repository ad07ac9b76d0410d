use crate::filter_check::{CheckContext, OrderCheck};
use crate::filters::{FilterReason, FilterViolation, is_multiple};
use rust_decimal::Decimal;

pub(crate) fn check_price(
    price: Decimal,
    min: Decimal,
    max: Decimal,
    tick: Decimal,
) -> Result<(), FilterViolation> {
    if !min.is_zero() && price < min {
        return Err(FilterViolation::new(
            FilterReason::Price,
            format!("price {price} below minPrice {min}"),
        ));
    }
    if !max.is_zero() && price > max {
        return Err(FilterViolation::new(
            FilterReason::Price,
            format!("price {price} above maxPrice {max}"),
        ));
    }
    if !is_multiple(price, tick) {
        return Err(FilterViolation::new(
            FilterReason::Price,
            format!("price {price} not a multiple of tickSize {tick}"),
        ));
    }
    Ok(())
}

pub(crate) fn check_qty(
    qty: Decimal,
    min: Decimal,
    max: Decimal,
    step: Decimal,
    reason: FilterReason,
) -> Result<(), FilterViolation> {
    if qty < min {
        return Err(FilterViolation::new(
            reason,
            format!("quantity {qty} below minQty {min}"),
        ));
    }
    if !max.is_zero() && qty > max {
        return Err(FilterViolation::new(
            reason,
            format!("quantity {qty} above maxQty {max}"),
        ));
    }
    if !is_multiple(qty, step) {
        return Err(FilterViolation::new(
            reason,
            format!("quantity {qty} not a multiple of stepSize {step}"),
        ));
    }
    Ok(())
}

pub(crate) fn check_percent(
    order: &OrderCheck,
    ctx: &CheckContext,
    up: Decimal,
    down: Decimal,
    reason: FilterReason,
) -> Result<(), FilterViolation> {
    let (Some(price), Some(reference)) = (order.limit_price(), ctx.reference_price) else {
        return Ok(());
    };
    if price > reference * up || price < reference * down {
        return Err(FilterViolation::new(
            reason,
            format!(
                "price {price} outside [{}, {}] of reference {reference}",
                reference * down,
                reference * up
            ),
        ));
    }
    Ok(())
}

pub(crate) fn check_notional(
    order: &OrderCheck,
    ctx: &CheckContext,
    min: Option<Decimal>,
    max: Option<Decimal>,
    reason: FilterReason,
) -> Result<(), FilterViolation> {
    if min.is_none() && max.is_none() {
        return Ok(());
    }
    let Some(price) = order.notional_price(ctx) else {
        return Err(FilterViolation::new(
            FilterReason::MissingReferencePrice,
            "no price to compute notional",
        ));
    };
    let notional = price * order.quantity;
    if let Some(min) = min.filter(|m| notional < *m) {
        return Err(FilterViolation::new(
            reason,
            format!("notional {notional} below {min}"),
        ));
    }
    if let Some(max) = max.filter(|m| !m.is_zero() && notional > *m) {
        return Err(FilterViolation::new(
            reason,
            format!("notional {notional} above {max}"),
        ));
    }
    Ok(())
}
