use rust_decimal::Decimal;

use crate::api_error::ApiError;
use crate::engine::NewOrder;
use crate::engine::types::{OrderType, Side};
use crate::exchange::SymbolSpec;
use crate::exchange::filters::{PercentBand, Range};
use crate::num::is_multiple;

const MAX_SCALE: u32 = 8;

fn check_range(value: Decimal, range: Range, name: &str) -> Result<(), ApiError> {
    let below = !range.min.is_zero() && value < range.min;
    let above = !range.max.is_zero() && value > range.max;
    if below || above || !is_multiple(value, range.step) {
        return Err(ApiError::filter(name));
    }
    Ok(())
}

fn check_precision(value: Option<Decimal>) -> Result<(), ApiError> {
    if value.is_some_and(|v| v.normalize().scale() > MAX_SCALE) {
        return Err(ApiError::bad(-1111, "Parameter has too much precision."));
    }
    Ok(())
}

fn check_percent(
    band: PercentBand,
    side: Side,
    price: Decimal,
    reference: Decimal,
) -> Result<(), ApiError> {
    let (up, down) = match side {
        Side::Buy => (band.bid_up, band.bid_down),
        Side::Sell => (band.ask_up, band.ask_down),
    };
    if price > reference * up || price < reference * down {
        return Err(ApiError::filter(band.name));
    }
    Ok(())
}

fn check_notional(
    spec: &SymbolSpec,
    order: &NewOrder,
    last: Option<Decimal>,
) -> Result<(), ApiError> {
    let is_market = order.order_type == OrderType::Market;
    let notional = match (order.quote_order_qty, order.price, order.quantity) {
        (Some(quote), _, _) => Some(quote),
        (None, Some(price), Some(qty)) if !is_market => Some(price * qty),
        (None, _, Some(qty)) => last.map(|l| l * qty),
        _ => None,
    };
    let Some(notional) = notional else {
        return Ok(());
    };
    for rule in &spec.filters.notional {
        let min_applies = !is_market || rule.apply_min_to_market;
        let max_applies = !is_market || rule.apply_max_to_market;
        let too_small = min_applies && notional < rule.min;
        let too_big = max_applies && rule.max.is_some_and(|max| !max.is_zero() && notional > max);
        if too_small || too_big {
            return Err(ApiError::filter(rule.name));
        }
    }
    Ok(())
}

fn check_quantities(spec: &SymbolSpec, order: &NewOrder) -> Result<(), ApiError> {
    let Some(qty) = order.quantity else {
        return Ok(());
    };
    if let Some(lot) = spec.filters.lot {
        check_range(qty, lot, "LOT_SIZE")?;
    }
    if let (OrderType::Market, Some(market_lot)) = (order.order_type, spec.filters.market_lot) {
        check_range(qty, market_lot, "MARKET_LOT_SIZE")?;
    }
    if let Some(iceberg) = order.iceberg_qty {
        if let Some(lot) = spec.filters.lot {
            check_range(iceberg, lot, "LOT_SIZE")?;
        }
        if iceberg >= qty {
            return Err(ApiError::rejected("IcebergQty exceeds QTY."));
        }
        let parts = (qty / iceberg).ceil();
        if spec
            .filters
            .iceberg_parts
            .is_some_and(|limit| parts > Decimal::from(limit))
        {
            return Err(ApiError::filter("ICEBERG_PARTS"));
        }
    }
    Ok(())
}

fn check_trailing(spec: &SymbolSpec, order: &NewOrder) -> Result<(), ApiError> {
    let (Some(delta), Some(rule)) = (order.trailing_delta, spec.filters.trailing) else {
        return Ok(());
    };
    let (min, max) = if order.order_type.triggers_above(order.side) {
        (rule.min_above, rule.max_above)
    } else {
        (rule.min_below, rule.max_below)
    };
    if delta < min || delta > max {
        return Err(ApiError::filter("TRAILING_DELTA"));
    }
    Ok(())
}

pub fn check_order(
    spec: &SymbolSpec,
    order: &NewOrder,
    last: Option<Decimal>,
) -> Result<(), ApiError> {
    for value in [
        order.quantity,
        order.price,
        order.stop_price,
        order.quote_order_qty,
        order.iceberg_qty,
    ] {
        check_precision(value)?;
    }
    for price in [order.price, order.stop_price].into_iter().flatten() {
        if price <= Decimal::ZERO {
            return Err(ApiError::rejected("Price * QTY is zero or less."));
        }
        if let Some(range) = spec.filters.price {
            check_range(price, range, "PRICE_FILTER")?;
        }
    }
    check_quantities(spec, order)?;
    if let (Some(band), Some(price), Some(reference)) = (spec.filters.percent, order.price, last) {
        check_percent(band, order.side, price, reference)?;
    }
    check_notional(spec, order, last)?;
    check_trailing(spec, order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::types::Tif;
    use crate::exchange::{Exchange, Limits};
    use rust_decimal_macros::dec;

    fn btc() -> SymbolSpec {
        Exchange::load(None, Limits::default()).unwrap().symbols["BTCUSDT"].clone()
    }

    fn limit(price: Decimal, qty: Decimal) -> NewOrder {
        NewOrder {
            symbol: "BTCUSDT".to_owned(),
            side: Side::Buy,
            order_type: OrderType::Limit,
            tif: Some(Tif::Gtc),
            quantity: Some(qty),
            quote_order_qty: None,
            price: Some(price),
            stop_price: None,
            trailing_delta: None,
            iceberg_qty: None,
            client_order_id: None,
            resp_type: None,
        }
    }

    fn code_msg(result: Result<(), ApiError>) -> (i64, String) {
        let err = result.unwrap_err();
        (err.code, err.msg)
    }

    #[test]
    fn each_filter_failure_is_named() {
        let spec = btc();
        let last = Some(dec!(65000));
        assert!(check_order(&spec, &limit(dec!(65000.01), dec!(0.001)), last).is_ok());
        assert_eq!(
            code_msg(check_order(
                &spec,
                &limit(dec!(65000.001), dec!(0.001)),
                last
            )),
            (-1013, "Filter failure: PRICE_FILTER".to_owned())
        );
        assert_eq!(
            code_msg(check_order(
                &spec,
                &limit(dec!(65000), dec!(0.000011)),
                last
            )),
            (-1013, "Filter failure: LOT_SIZE".to_owned())
        );
        assert_eq!(
            code_msg(check_order(&spec, &limit(dec!(65000), dec!(0.00001)), last)),
            (-1013, "Filter failure: NOTIONAL".to_owned())
        );
        assert_eq!(
            code_msg(check_order(&spec, &limit(dec!(1000), dec!(1)), last)),
            (-1013, "Filter failure: PERCENT_PRICE_BY_SIDE".to_owned())
        );
    }
}
