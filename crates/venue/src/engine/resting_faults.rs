use rust_decimal::Decimal;

use super::Engine;
use super::execute::Execution;
use super::types::Side;
use crate::faults::{FaultKind, RequestScope};
use crate::market::PublicTrade;
use crate::market_event::MarketEvent;
use crate::num::floor_to_step;

impl Engine {
    pub(super) fn resting_fills_held(&self, symbol: &str) -> bool {
        self.faults
            .is_active_for(FaultKind::HoldResting, symbol, self.now())
    }

    fn untouched_half(&self, id: u64) -> Option<(Side, Decimal, Decimal, String)> {
        let (side, price, remaining, account) = self.resting_limit(id)?;
        let order = self.orders.get(&id)?;
        let step = self
            .exchange
            .symbols
            .get(&order.symbol)
            .map_or(Decimal::ZERO, |spec| spec.filters.step_size());
        let half = floor_to_step(order.orig_qty / Decimal::TWO, step).min(remaining);
        (order.executed_qty.is_zero() && half > Decimal::ZERO)
            .then_some((side, price, half, account))
    }

    pub(super) fn half_fill_by_fault(&mut self, symbol: &str) {
        let now = self.now();
        for id in self.open_ids(symbol) {
            let Some((side, price, half, account)) = self.untouched_half(id) else {
                continue;
            };
            let scope = RequestScope {
                path: "",
                symbol: Some(symbol),
                now,
            };
            if self
                .faults
                .take(FaultKind::FillRestingHalf, scope)
                .is_none()
            {
                return;
            }
            let Some(market) = self.markets.get_mut(symbol) else {
                return;
            };
            let trade = PublicTrade {
                id: market.allocate_trade_id(),
                price,
                qty: half,
                time: now,
                buyer_is_maker: side == Side::Buy,
            };
            market.record_trade(trade.clone());
            self.publish_market(MarketEvent::Trades {
                symbol: symbol.to_owned(),
                time: now,
                trades: vec![trade.clone()],
            });
            let execution = Execution {
                price,
                qty: half,
                trade_id: trade.id,
                is_maker: true,
            };
            if self.execute(id, execution).is_some() {
                self.report_position(&account, symbol);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::super::tests::{KEY, at, engine, order, trade};
    use super::super::types::{OrderStatus, OrderType, Tif};
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

    fn quiet_tick(engine: &mut Engine) {
        engine.process_resting("BTCUSDT", &[]);
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
    fn fill_resting_half_fills_one_untouched_order_half_at_its_price_once() {
        let mut engine = engine();
        let first = resting_bid(&mut engine);
        let now = engine.now();
        engine.faults.add(fault(FaultKind::FillRestingHalf), now);
        quiet_tick(&mut engine);
        let second = resting_bid(&mut engine);
        quiet_tick(&mut engine);
        let half = &engine.orders[&first];
        assert_eq!(
            (half.status, half.executed_qty),
            (OrderStatus::PartiallyFilled, dec!(0.005))
        );
        let fill = engine.fills.last().unwrap();
        assert_eq!((fill.price, fill.qty), (half.price, dec!(0.005)));
        assert_eq!(engine.orders[&second].executed_qty, dec!(0));
    }

    #[test]
    fn a_resting_fault_on_another_symbol_changes_nothing() {
        let mut engine = engine();
        let id = resting_bid(&mut engine);
        let now = engine.now();
        let mut other = fault(FaultKind::HoldResting);
        other.symbol = Some("ETHUSDT".to_owned());
        engine.faults.add(other, now);
        let mut elsewhere = fault(FaultKind::FillRestingHalf);
        elsewhere.symbol = Some("ETHUSDT".to_owned());
        engine.faults.add(elsewhere, now);
        quiet_tick(&mut engine);
        assert_eq!(engine.orders[&id].executed_qty, dec!(0));
        trade_through(&mut engine, 900_001);
        assert_eq!(engine.orders[&id].status, OrderStatus::Filled);
    }
}
