use rust_decimal::Decimal;

use super::Engine;
use super::events::ExecType;
use super::order::Fill;
use super::types::{OrderStatus, OrderType, Side, Tif};
use crate::market::PublicTrade;
use crate::market_event::MarketEvent;

const COMMISSION_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 3);

#[derive(Debug, Clone, Copy)]
pub(super) struct Execution {
    pub price: Decimal,
    pub qty: Decimal,
    pub trade_id: i64,
    pub is_maker: bool,
}

impl Engine {
    fn settle(&mut self, order_id: u64, price: Decimal, qty: Decimal) -> Option<(Decimal, String)> {
        let order = self.orders.get(&order_id)?.clone();
        let spec = self.exchange.symbols.get(&order.symbol)?.clone();
        let account = self.accounts.get_mut(&order.account)?;
        let quote = price * qty;
        match order.side {
            Side::Buy => {
                let commission = qty * COMMISSION_RATE;
                if order.locked {
                    let released = order.lock_price * qty;
                    let balance = account.balance(&spec.quote_asset);
                    balance.locked = (balance.locked - released).max(Decimal::ZERO);
                    balance.free += released - quote;
                } else {
                    account.balance(&spec.quote_asset).free -= quote;
                }
                account.balance(&spec.base_asset).free += qty - commission;
                Some((commission, spec.base_asset))
            }
            Side::Sell => {
                let commission = quote * COMMISSION_RATE;
                let balance = account.balance(&spec.base_asset);
                if order.locked {
                    balance.locked = (balance.locked - qty).max(Decimal::ZERO);
                } else {
                    balance.free -= qty;
                }
                account.balance(&spec.quote_asset).free += quote - commission;
                Some((commission, spec.quote_asset))
            }
        }
    }

    pub(super) fn execute(&mut self, order_id: u64, execution: Execution) -> Option<Fill> {
        let now = self.now();
        let (commission, commission_asset) =
            self.settle(order_id, execution.price, execution.qty)?;
        let order = self.orders.get_mut(&order_id)?;
        order.executed_qty += execution.qty;
        order.cumm_quote += execution.price * execution.qty;
        order.update_time = now;
        order.status = if order.executed_qty >= order.orig_qty {
            OrderStatus::Filled
        } else {
            OrderStatus::PartiallyFilled
        };
        let first_fill = !order.first_fill_seen;
        order.first_fill_seen = true;
        let fill = Fill {
            account: order.account.clone(),
            symbol: order.symbol.clone(),
            trade_id: execution.trade_id,
            order_id,
            order_list_id: order.order_list_id,
            price: execution.price,
            qty: execution.qty,
            commission,
            commission_asset,
            time: now,
            is_buyer: order.side == Side::Buy,
            is_maker: execution.is_maker,
        };
        if first_fill {
            self.rate.first_fill(self.rate_now());
        }
        self.fills.push(fill.clone());
        self.report(order_id, ExecType::Trade, Some(&fill), None);
        self.on_list_leg_activity(order_id);
        Some(fill)
    }

    pub(super) fn take_liquidity(
        &mut self,
        order_id: u64,
        levels: &[(Decimal, Decimal)],
    ) -> Vec<Fill> {
        let Some(order) = self.orders.get(&order_id).cloned() else {
            return Vec::new();
        };
        let now = self.now();
        let taker_buy = order.side == Side::Buy;
        let mut fills = Vec::new();
        let mut trades = Vec::new();
        for (price, qty) in levels {
            let Some(market) = self.markets.get_mut(&order.symbol) else {
                break;
            };
            let trade_id = market.allocate_trade_id();
            let trade = PublicTrade {
                id: trade_id,
                price: *price,
                qty: *qty,
                time: now,
                buyer_is_maker: !taker_buy,
            };
            market.record_trade(trade.clone());
            trades.push(trade);
            let execution = Execution {
                price: *price,
                qty: *qty,
                trade_id,
                is_maker: false,
            };
            fills.extend(self.execute(order_id, execution));
        }
        let diff = self
            .markets
            .get_mut(&order.symbol)
            .and_then(|m| m.apply_take(taker_buy, levels));
        if let Some(diff) = diff {
            self.publish_market(MarketEvent::Depth {
                symbol: order.symbol.clone(),
                time: now,
                diff,
            });
        }
        if !trades.is_empty() {
            self.publish_market(MarketEvent::Trades {
                symbol: order.symbol,
                time: now,
                trades,
            });
        }
        fills
    }

    pub(super) fn release_lock(&mut self, order_id: u64) {
        let Some(order) = self.orders.get(&order_id).cloned() else {
            return;
        };
        let Some(spec) = self.exchange.symbols.get(&order.symbol).cloned() else {
            return;
        };
        if !order.locked {
            return;
        }
        let Some(account) = self.accounts.get_mut(&order.account) else {
            return;
        };
        match order.side {
            Side::Buy => account.unlock(&spec.quote_asset, order.lock_price * order.remaining()),
            Side::Sell => account.unlock(&spec.base_asset, order.remaining()),
        }
    }

    pub(super) fn end_order(
        &mut self,
        order_id: u64,
        status: OrderStatus,
        reason: Option<&'static str>,
        cancel_client_id: Option<&str>,
    ) {
        if !self
            .orders
            .get(&order_id)
            .is_some_and(|o| o.status.is_open())
        {
            return;
        }
        self.release_lock(order_id);
        let now = self.now();
        let Some(order) = self.orders.get_mut(&order_id) else {
            return;
        };
        order.status = status;
        order.update_time = now;
        order.expiry_reason = reason;
        let exec = if status == OrderStatus::Canceled {
            ExecType::Canceled
        } else {
            ExecType::Expired
        };
        self.report(order_id, exec, None, cancel_client_id);
    }

    pub(super) fn finish_taker(&mut self, order_id: u64, fok_unfilled: bool) {
        let Some(order) = self.orders.get(&order_id) else {
            return;
        };
        if !order.status.is_open() {
            return;
        }
        let reason = if fok_unfilled || order.tif == Tif::Fok {
            Some("UNFILLED_FOK_ORDER_EXPIRED")
        } else if order.order_type == OrderType::Market {
            Some("INSUFFICIENT_LIQUIDITY")
        } else if order.tif == Tif::Ioc {
            Some("UNFILLED_IOC_QUANTITY_EXPIRED")
        } else {
            None
        };
        if reason.is_some() && !order.order_type.is_stop() || order.order_type == OrderType::Market
        {
            self.end_order(order_id, OrderStatus::Expired, reason, None);
        }
    }
}
