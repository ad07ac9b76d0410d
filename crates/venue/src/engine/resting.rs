use rust_decimal::Decimal;

use super::Engine;
use super::execute::Execution;
use super::types::{OrderStatus, OrderType, Side};
use crate::market::PublicTrade;
use crate::market_event::MarketEvent;

const BIPS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

impl Engine {
    pub(super) fn open_ids(&self, symbol: &str) -> Vec<u64> {
        self.orders
            .values()
            .filter(|o| o.symbol == symbol && o.status.is_open())
            .map(|o| o.order_id)
            .collect()
    }

    pub(super) fn process_resting(&mut self, symbol: &str, trades: &[PublicTrade]) {
        let held = self.resting_fills_held(symbol);
        for trade in trades {
            self.check_stops(symbol, trade.price);
            if !held {
                self.fill_resting(symbol, trade);
            }
        }
        if !held {
            self.fill_crossed(symbol);
        }
        self.half_fill_by_fault(symbol);
    }

    fn check_stops(&mut self, symbol: &str, price: Decimal) {
        for id in self.open_ids(symbol) {
            let pending = self
                .orders
                .get(&id)
                .is_some_and(|o| o.order_type.is_stop() && !o.triggered);
            if pending && self.stop_fires(id, price) {
                self.trigger(id);
            }
        }
    }

    fn stop_fires(&mut self, id: u64, price: Decimal) -> bool {
        let now = self.now();
        let Some(order) = self.orders.get_mut(&id) else {
            return false;
        };
        let above = order.order_type.triggers_above(order.side);
        let stop_met = order
            .stop_price
            .map(|stop| if above { price >= stop } else { price <= stop });
        let Some(delta) = order.trailing_delta else {
            return stop_met == Some(true);
        };
        let Some(reference) = order.trail_ref else {
            if stop_met.unwrap_or(true) {
                order.trail_ref = Some(price);
                order.trailing_time = now;
            }
            return false;
        };
        let ratio = Decimal::from(delta) / BIPS;
        match order.side {
            Side::Sell => {
                let peak = reference.max(price);
                order.trail_ref = Some(peak);
                price <= peak * (Decimal::ONE - ratio)
            }
            Side::Buy => {
                let trough = reference.min(price);
                order.trail_ref = Some(trough);
                price >= trough * (Decimal::ONE + ratio)
            }
        }
    }

    fn trigger(&mut self, id: u64) {
        let now = self.now();
        let Some(order) = self.orders.get_mut(&id) else {
            return;
        };
        order.triggered = true;
        order.working_time = now;
        let order = order.clone();
        self.on_list_leg_activity(id);
        let limit = order.order_type.has_limit_price().then_some(order.price);
        let plan = self
            .markets
            .get(&order.symbol)
            .map(|m| {
                m.plan_take(
                    order.side == Side::Buy,
                    limit,
                    Some(order.remaining()),
                    None,
                )
            })
            .unwrap_or_default();
        self.take_liquidity(id, &plan);
        let market_style = matches!(
            order.order_type,
            OrderType::StopLoss | OrderType::TakeProfit
        );
        if market_style {
            self.end_order(
                id,
                OrderStatus::Expired,
                Some("INSUFFICIENT_LIQUIDITY"),
                None,
            );
        }
        self.report_position(&order.account, &order.symbol);
    }

    pub(super) fn resting_limit(&self, id: u64) -> Option<(Side, Decimal, Decimal, String)> {
        let order = self.orders.get(&id)?;
        let resting = order.status.is_open()
            && order.order_type.has_limit_price()
            && (!order.order_type.is_stop() || order.triggered);
        resting.then(|| {
            (
                order.side,
                order.price,
                order.remaining(),
                order.account.clone(),
            )
        })
    }

    fn fill_resting(&mut self, symbol: &str, trade: &PublicTrade) {
        for id in self.open_ids(symbol) {
            let Some((side, price, remaining, account)) = self.resting_limit(id) else {
                continue;
            };
            let crosses = match side {
                Side::Buy => trade.price < price || (trade.price == price && trade.buyer_is_maker),
                Side::Sell => {
                    trade.price > price || (trade.price == price && !trade.buyer_is_maker)
                }
            };
            if !crosses {
                continue;
            }
            let execution = Execution {
                price,
                qty: remaining.min(trade.qty),
                trade_id: trade.id,
                is_maker: true,
            };
            if self.execute(id, execution).is_some() {
                self.report_position(&account, symbol);
            }
        }
    }

    fn fill_crossed(&mut self, symbol: &str) {
        let now = self.now();
        for id in self.open_ids(symbol) {
            let Some((side, price, remaining, account)) = self.resting_limit(id) else {
                continue;
            };
            let Some(market) = self.markets.get_mut(symbol) else {
                return;
            };
            let level = match side {
                Side::Buy => market.book.best_ask().filter(|(ask, _)| *ask <= price),
                Side::Sell => market.book.best_bid().filter(|(bid, _)| *bid >= price),
            };
            let Some((_, available)) = level else {
                continue;
            };
            let qty = remaining.min(available);
            let trade = PublicTrade {
                id: market.allocate_trade_id(),
                price,
                qty,
                time: now,
                buyer_is_maker: side == Side::Buy,
            };
            market.record_trade(trade.clone());
            let execution = Execution {
                price,
                qty,
                trade_id: trade.id,
                is_maker: true,
            };
            self.publish_market(MarketEvent::Trades {
                symbol: symbol.to_owned(),
                time: now,
                trades: vec![trade],
            });
            if self.execute(id, execution).is_some() {
                self.report_position(&account, symbol);
            }
        }
    }
}
