use rust_decimal::Decimal;

use super::Engine;
use super::events::ExecType;
use super::new_order::NewOrder;
use super::order::{Fill, Order};
use super::plan::Plan;
use super::types::{OrderStatus, OrderType, Side, Tif};
use crate::api_error::ApiError;
use crate::exchange::SymbolSpec;
use crate::filters;

#[derive(Debug, Clone)]
pub struct PlaceOutcome {
    pub order_id: u64,
    pub fills: Vec<Fill>,
    pub transact_time: i64,
}

fn generated_client_id(order_id: u64, now: i64) -> String {
    format!("sim{now:x}{order_id:06}")
}

impl Engine {
    pub(super) fn symbol_spec(&self, symbol: &str) -> Result<SymbolSpec, ApiError> {
        let spec = self
            .exchange
            .symbols
            .get(symbol)
            .ok_or_else(ApiError::invalid_symbol)?;
        if !spec.is_trading() {
            return Err(ApiError::rejected("Market is closed."));
        }
        Ok(spec.clone())
    }

    pub(super) fn last_price(&self, symbol: &str) -> Option<Decimal> {
        self.markets.get(symbol).map(|m| m.last_price)
    }

    pub(super) fn validate(
        &self,
        api_key: &str,
        req: &NewOrder,
        spec: &SymbolSpec,
    ) -> Result<(), ApiError> {
        self.validate_before_engine(api_key, req, spec)?;
        self.check_immediate(req)
    }

    fn validate_before_engine(
        &self,
        api_key: &str,
        req: &NewOrder,
        spec: &SymbolSpec,
    ) -> Result<(), ApiError> {
        req.check_shape()?;
        if !spec.allows_type(req.order_type.as_str()) {
            return Err(ApiError::rejected("Unsupported order combination"));
        }
        if req.iceberg_qty.is_some() && !spec.iceberg_allowed {
            return Err(ApiError::rejected(
                "Iceberg orders are not supported for this symbol.",
            ));
        }
        if req.quote_order_qty.is_some() && !spec.quote_order_qty_market_allowed {
            return Err(ApiError::rejected(
                "Quote order qty market orders are not support for this symbol.",
            ));
        }
        if req.trailing_delta.is_some() && !spec.allow_trailing_stop {
            return Err(ApiError::rejected(
                "Trailing stop orders are not supported for this symbol.",
            ));
        }
        filters::check_order(spec, req, self.last_price(&req.symbol))?;
        self.check_counts(api_key, spec, super::count_checks::adding_one(req))?;
        self.check_position(api_key, req, spec)?;
        let duplicate = req.client_order_id.as_ref().is_some_and(|id| {
            self.open_orders(api_key, None)
                .iter()
                .any(|o| &o.client_order_id == id)
        });
        if duplicate {
            return Err(ApiError::rejected("Duplicate order sent."));
        }
        Ok(())
    }

    fn check_immediate(&self, req: &NewOrder) -> Result<(), ApiError> {
        let Some(market) = self.markets.get(&req.symbol) else {
            return Ok(());
        };
        if req.order_type == OrderType::LimitMaker {
            let crosses = match req.side {
                Side::Buy => market
                    .book
                    .best_ask()
                    .is_some_and(|(ask, _)| req.price.is_some_and(|p| p >= ask)),
                Side::Sell => market
                    .book
                    .best_bid()
                    .is_some_and(|(bid, _)| req.price.is_some_and(|p| p <= bid)),
            };
            if crosses {
                return Err(ApiError::rejected(
                    "Order would immediately match and take.",
                ));
            }
        }
        if let (true, Some(stop)) = (req.order_type.is_stop(), req.stop_price) {
            let last = market.last_price;
            let triggered = if req.order_type.triggers_above(req.side) {
                last >= stop
            } else {
                last <= stop
            };
            if triggered {
                return Err(ApiError::rejected("Order would trigger immediately."));
            }
        }
        Ok(())
    }

    pub(super) fn plan(&mut self, req: &NewOrder, spec: &SymbolSpec, partial: bool) -> Plan {
        let marketable = matches!(req.order_type, OrderType::Limit | OrderType::Market);
        let Some(market) = self.markets.get(&req.symbol).filter(|_| marketable) else {
            return Plan::default();
        };
        let limit = req.price.filter(|_| req.order_type == OrderType::Limit);
        let mut plan = Plan {
            levels: market.plan_take(
                req.side == Side::Buy,
                limit,
                req.quantity,
                req.quote_order_qty,
            ),
            fok_unfilled: false,
        };
        if req.tif == Some(Tif::Fok) && req.quantity.is_some_and(|q| plan.qty() < q) {
            plan.levels.clear();
            plan.fok_unfilled = true;
        }
        if partial {
            plan.halve(spec.filters.step_size());
        }
        plan
    }

    fn check_balance(
        &self,
        api_key: &str,
        req: &NewOrder,
        spec: &SymbolSpec,
        plan: &Plan,
    ) -> Result<(), ApiError> {
        let account = self
            .accounts
            .get(api_key)
            .ok_or_else(ApiError::insufficient_balance)?;
        let qty = req.quantity.unwrap_or_else(|| plan.qty());
        let lock_price = req
            .price
            .or(req.stop_price)
            .or_else(|| self.last_price(&req.symbol))
            .unwrap_or_default();
        let (asset, need) = match (req.side, req.order_type) {
            (Side::Buy, OrderType::Market) => (&spec.quote_asset, plan.cost()),
            (Side::Buy, _) => (&spec.quote_asset, lock_price * qty),
            (Side::Sell, _) => (&spec.base_asset, qty),
        };
        if account.free(asset) < need {
            return Err(ApiError::insufficient_balance());
        }
        Ok(())
    }

    pub(super) fn build_order(
        &mut self,
        api_key: &str,
        req: &NewOrder,
        plan: &Plan,
        now: i64,
    ) -> Order {
        let order_id = self.allocate_order_id();
        let is_market = req.order_type == OrderType::Market;
        Order {
            account: api_key.to_owned(),
            symbol: req.symbol.clone(),
            order_id,
            order_list_id: -1,
            client_order_id: req
                .client_order_id
                .clone()
                .unwrap_or_else(|| generated_client_id(order_id, now)),
            side: req.side,
            order_type: req.order_type,
            tif: req.tif.unwrap_or(Tif::Gtc),
            price: req.price.unwrap_or_default(),
            orig_qty: req.quantity.unwrap_or_else(|| plan.qty()),
            executed_qty: Decimal::ZERO,
            cumm_quote: Decimal::ZERO,
            orig_quote_order_qty: req.quote_order_qty.unwrap_or_default(),
            status: OrderStatus::New,
            stop_price: req.stop_price,
            trailing_delta: req.trailing_delta,
            trailing_time: -1,
            trail_ref: None,
            iceberg_qty: req.iceberg_qty,
            time: now,
            update_time: now,
            working_time: if req.order_type.is_stop() { -1 } else { now },
            triggered: false,
            expiry_reason: None,
            locked: !is_market,
            lock_price: req
                .price
                .or(req.stop_price)
                .or_else(|| self.last_price(&req.symbol))
                .unwrap_or_default(),
            first_fill_seen: false,
        }
    }

    pub(super) fn insert_locked(
        &mut self,
        order: Order,
        spec: &SymbolSpec,
    ) -> Result<u64, ApiError> {
        let order_id = order.order_id;
        let (asset, amount) = match order.side {
            Side::Buy => (&spec.quote_asset, order.lock_price * order.orig_qty),
            Side::Sell => (&spec.base_asset, order.orig_qty),
        };
        if order.locked {
            self.account_mut(&order.account)?.lock(asset, amount);
        }
        self.orders.insert(order_id, order);
        Ok(order_id)
    }

    pub fn validate_only(&self, api_key: &str, req: &NewOrder) -> Result<(), ApiError> {
        let spec = self.symbol_spec(&req.symbol)?;
        self.validate(api_key, req, &spec)
    }

    pub fn validate_filters(&self, api_key: &str, req: &NewOrder) -> Result<(), ApiError> {
        let spec = self.symbol_spec(&req.symbol)?;
        self.validate_before_engine(api_key, req, &spec)
    }

    pub fn place(
        &mut self,
        api_key: &str,
        req: &NewOrder,
        partial: bool,
    ) -> Result<PlaceOutcome, ApiError> {
        let now = self.now();
        let spec = self.symbol_spec(&req.symbol)?;
        self.validate(api_key, req, &spec)?;
        let limits = self.exchange.limits;
        let wall_now = self.rate_now();
        self.rate.check_orders(wall_now, 1, limits)?;
        let plan = self.plan(req, &spec, partial);
        self.check_balance(api_key, req, &spec, &plan)?;
        let order = self.build_order(api_key, req, &plan, now);
        let order_id = self.insert_locked(order, &spec)?;
        self.rate.add_orders(wall_now, 1);
        self.report(order_id, ExecType::New, None, None);
        let fills = self.take_liquidity(order_id, &plan.levels);
        self.finish_taker(order_id, plan.fok_unfilled);
        self.report_position(api_key, &req.symbol);
        Ok(PlaceOutcome {
            order_id,
            fills,
            transact_time: now,
        })
    }
}
