use rust_decimal::Decimal;

use super::Engine;
use super::order::Order;
use crate::faults::FaultKind;
use crate::num::floor_to_step;

impl Engine {
    pub(super) fn resting_fills_held(&self, symbol: &str) -> bool {
        self.faults
            .is_active_for(FaultKind::HoldResting, symbol, self.now())
    }

    pub(super) fn resting_fill_cap(&self, order: &Order) -> Decimal {
        let remaining = order.remaining();
        if !self
            .faults
            .is_active_for(FaultKind::HalfRestingFills, &order.symbol, self.now())
        {
            return remaining;
        }
        let step = self
            .exchange
            .symbols
            .get(&order.symbol)
            .map_or(Decimal::ZERO, |spec| spec.filters.step_size());
        let half = floor_to_step(order.orig_qty / Decimal::TWO, step);
        remaining.min((half - order.executed_qty).max(Decimal::ZERO))
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::super::tests::{KEY, at, engine, order, trade};
    use super::super::types::{OrderStatus, OrderType, Side, Tif};
    use super::*;
    use crate::faults::FaultSpec;

    fn fault(kind: FaultKind) -> FaultSpec {
        FaultSpec {
            kind,
            count: None,
            seconds: None,
            path: None,
            symbol: Some("BTCUSDT".to_owned()),
            code: None,
            ms: None,
        }
    }

    fn resting_bid(engine: &mut Engine) -> u64 {
        let mut bid = order(Side::Buy, OrderType::Limit, dec!(0.01));
        bid.tif = Some(Tif::Gtc);
        bid.price = Some(at(dec!(0.99), engine));
        engine.place(KEY, &bid, false).unwrap().order_id
    }

    fn trade_through(engine: &mut Engine, id: i64) {
        let price = at(dec!(0.98), engine);
        engine.process_resting("BTCUSDT", &[trade(id, price, dec!(1), true)]);
    }

    #[test]
    fn hold_resting_keeps_a_crossed_order_unfilled_until_cleared() {
        let mut engine = engine();
        let id = resting_bid(&mut engine);
        let now = engine.now();
        engine.faults.add(fault(FaultKind::HoldResting), now);
        trade_through(&mut engine, 900_001);
        let held = &engine.orders[&id];
        assert_eq!(
            (held.status, held.executed_qty),
            (OrderStatus::New, dec!(0))
        );
        engine.faults.clear();
        trade_through(&mut engine, 900_002);
        assert_eq!(engine.orders[&id].status, OrderStatus::Filled);
    }

    #[test]
    fn half_resting_fills_stop_a_resting_order_at_half_its_quantity() {
        let mut engine = engine();
        let id = resting_bid(&mut engine);
        let now = engine.now();
        engine.faults.add(fault(FaultKind::HalfRestingFills), now);
        trade_through(&mut engine, 900_001);
        trade_through(&mut engine, 900_002);
        let half = &engine.orders[&id];
        assert_eq!(
            (half.status, half.executed_qty),
            (OrderStatus::PartiallyFilled, dec!(0.005))
        );
        engine.faults.clear();
        trade_through(&mut engine, 900_003);
        assert_eq!(engine.orders[&id].executed_qty, dec!(0.01));
    }

    #[test]
    fn a_resting_fault_on_another_symbol_changes_nothing() {
        let mut engine = engine();
        let id = resting_bid(&mut engine);
        let mut other = fault(FaultKind::HoldResting);
        other.symbol = Some("ETHUSDT".to_owned());
        let now = engine.now();
        engine.faults.add(other, now);
        trade_through(&mut engine, 900_001);
        assert_eq!(engine.orders[&id].status, OrderStatus::Filled);
    }
}
