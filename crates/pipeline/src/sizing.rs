use rust_decimal::Decimal;
use serde::Serialize;

use crate::exit_plan::round_down_to;
use crate::indicators::BPS_PER_UNIT;
use livespot_domain::ReasonCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SymbolFilters {
    pub tick_size: Decimal,
    pub step_size: Decimal,
    pub min_qty: Decimal,
    pub min_notional: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizingParams {
    pub risk_per_trade_bps: Decimal,
    pub max_symbol_exposure_bps: Decimal,
    pub max_total_exposure_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizingInputs {
    pub equity: Decimal,
    pub entry_price: Decimal,
    pub stop_loss: Decimal,
    pub symbol_exposure: Decimal,
    pub total_exposure: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Size {
    pub quantity: Decimal,
    pub notional: Decimal,
    pub risk_amount: Decimal,
    pub capped_by_exposure: bool,
}

pub fn size_position(
    inputs: &SizingInputs,
    filters: &SymbolFilters,
    params: &SizingParams,
) -> Result<Size, ReasonCode> {
    let stop_distance = inputs.entry_price - inputs.stop_loss;
    if stop_distance <= Decimal::ZERO || inputs.entry_price <= Decimal::ZERO {
        return Err(ReasonCode::ExitSanityFailed);
    }
    let risk_budget = inputs.equity * params.risk_per_trade_bps / BPS_PER_UNIT;
    let risk_quantity = risk_budget / stop_distance;
    let symbol_room =
        inputs.equity * params.max_symbol_exposure_bps / BPS_PER_UNIT - inputs.symbol_exposure;
    let total_room =
        inputs.equity * params.max_total_exposure_bps / BPS_PER_UNIT - inputs.total_exposure;
    let room = symbol_room.min(total_room);
    if room < filters.min_notional.max(Decimal::ZERO) || room <= Decimal::ZERO {
        return Err(ReasonCode::SizeExposureCap);
    }
    let cap_quantity = room / inputs.entry_price;
    let capped_by_exposure = cap_quantity < risk_quantity;
    let quantity = round_down_to(risk_quantity.min(cap_quantity), filters.step_size);
    let meets_lot = quantity >= filters.min_qty && quantity > Decimal::ZERO;
    let meets_entry_notional = quantity * inputs.entry_price >= filters.min_notional;
    let meets_stop_notional = quantity * inputs.stop_loss >= filters.min_notional;
    if !(meets_lot && meets_entry_notional && meets_stop_notional) {
        return Err(ReasonCode::SizeBelowMinNotional);
    }
    Ok(Size {
        quantity,
        notional: quantity * inputs.entry_price,
        risk_amount: quantity * stop_distance,
        capped_by_exposure,
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn filters() -> SymbolFilters {
        SymbolFilters {
            tick_size: dec!(0.01),
            step_size: dec!(0.001),
            min_qty: dec!(0.001),
            min_notional: dec!(5),
        }
    }

    fn params() -> SizingParams {
        SizingParams {
            risk_per_trade_bps: dec!(50),
            max_symbol_exposure_bps: dec!(2000),
            max_total_exposure_bps: dec!(5000),
        }
    }

    fn inputs(equity: Decimal) -> SizingInputs {
        SizingInputs {
            equity,
            entry_price: dec!(100),
            stop_loss: dec!(98),
            symbol_exposure: Decimal::ZERO,
            total_exposure: Decimal::ZERO,
        }
    }

    #[test]
    fn risk_per_trade_over_stop_distance_rounded_to_step() {
        let size = size_position(&inputs(dec!(1000)), &filters(), &wide_params()).unwrap();
        assert_eq!(size.quantity, dec!(2.5));
        assert_eq!(size.risk_amount, dec!(5));
        assert!(!size.capped_by_exposure);
    }

    #[test]
    fn exposure_cap_limits_quantity() {
        let mut tight = params();
        tight.max_symbol_exposure_bps = dec!(1000);
        let size = size_position(&inputs(dec!(1000)), &filters(), &tight).unwrap();
        assert_eq!(size.quantity, dec!(1));
        assert!(size.capped_by_exposure);
    }

    #[test]
    fn exhausted_exposure_blocks() {
        let mut used = inputs(dec!(1000));
        used.total_exposure = dec!(497);
        assert_eq!(
            size_position(&used, &filters(), &params()),
            Err(ReasonCode::SizeExposureCap)
        );
    }

    fn wide_params() -> SizingParams {
        SizingParams {
            max_symbol_exposure_bps: dec!(5000),
            ..params()
        }
    }

    #[test]
    fn stop_order_notional_exactly_at_minimum_passes() {
        let mut at_edge = filters();
        at_edge.min_notional = dec!(245);
        let size = size_position(&inputs(dec!(1000)), &at_edge, &wide_params()).unwrap();
        assert_eq!((size.quantity, size.notional), (dec!(2.5), dec!(250)));
    }

    #[test]
    fn stop_order_notional_below_minimum_blocks_even_when_entry_notional_fits() {
        let mut over_edge = filters();
        over_edge.min_notional = dec!(245.1);
        assert_eq!(
            size_position(&inputs(dec!(1000)), &over_edge, &wide_params()),
            Err(ReasonCode::SizeBelowMinNotional)
        );
    }

    #[test]
    fn quantity_below_lot_minimum_blocks() {
        let mut big_lot = filters();
        big_lot.min_qty = dec!(3);
        assert_eq!(
            size_position(&inputs(dec!(1000)), &big_lot, &wide_params()),
            Err(ReasonCode::SizeBelowMinNotional)
        );
    }
}
