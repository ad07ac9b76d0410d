use livespot_binance::client_order_id::OrderPurpose;
use livespot_binance::rest::enums::{NewOrderRespType, OrderSide};
use livespot_binance::rest::requests::{NewOrder, OrderRef};
use livespot_domain::{AuditEventType, OrderStatus, ReasonCode};
use rust_decimal::Decimal;

use crate::entry::is_entry_order;
use crate::entry_step::{MakerWait, fallback_order, maker_wait_step};
use crate::outcome::{BINANCE_CANCEL_REJECTED, order_report};
use crate::send::ChildResult;
use crate::{ExecutionEngine, ExecutionError};

const EXTRA_POLLS: u64 = 20;

impl ExecutionEngine {
    async fn refresh_order(
        &mut self,
        symbol: &str,
        coid: &str,
    ) -> Result<OrderStatus, ExecutionError> {
        if let Some(order) = self.lookup_order(symbol, coid).await? {
            return self.record_accepted(coid, &order);
        }
        let now = self.now();
        Ok(self.ledger.mark_order_never_placed(coid, now)?)
    }

    fn open_entry_orders(&mut self, id: &str) -> Result<Vec<(String, String)>, ExecutionError> {
        Ok(self
            .ledger
            .orders_for_intent(id)?
            .into_iter()
            .filter(|o| {
                is_entry_order(o) && !o.status.is_terminal() && o.exchange_order_id.is_some()
            })
            .map(|o| (o.symbol, o.client_order_id))
            .collect())
    }

    pub(crate) async fn wait_for_maker(
        &mut self,
        id: &str,
        ttl_ms: u64,
    ) -> Result<bool, ExecutionError> {
        let placed_at = self.now();
        let max_polls = ttl_ms / self.policy.poll_interval_ms.max(1) + EXTRA_POLLS;
        for _ in 0..max_polls {
            let open = self.open_entry_orders(id)?;
            let mut expired = false;
            for (symbol, coid) in &open {
                let status = self.refresh_order(symbol, coid).await?;
                expired |=
                    maker_wait_step(self.now(), placed_at, ttl_ms, status) == MakerWait::TtlExpired;
            }
            if self.open_entry_orders(id)?.is_empty() {
                return Ok(false);
            }
            if expired {
                self.cancel_open_entry_orders(id).await?;
                return Ok(true);
            }
            self.pause(self.policy.poll_interval_ms).await;
        }
        self.cancel_open_entry_orders(id).await?;
        Ok(true)
    }

    pub(crate) async fn cancel_open_entry_orders(
        &mut self,
        id: &str,
    ) -> Result<(), ExecutionError> {
        for (symbol, coid) in self.open_entry_orders(id)? {
            let reference = OrderRef::ClientOrderId(coid.clone());
            match self.client.cancel_order(&symbol, &reference).await {
                Ok(order) => {
                    let now = self.now();
                    self.ledger
                        .apply_order_report(&coid, &order_report(&order), now)?;
                }
                Err(error) => {
                    let raced = matches!(&error, livespot_binance::BinanceError::Rejected { code, .. } if *code == BINANCE_CANCEL_REJECTED);
                    self.emit(AuditEventType::Order, id, vec![error.reason_code()], &error);
                    if !(raced || error.is_status_unknown()) {
                        return Err(error.into());
                    }
                    self.refresh_order(&symbol, &coid).await?;
                }
            }
        }
        Ok(())
    }

    pub(crate) async fn fallback_if_unfilled(
        &mut self,
        id: &str,
        reasons: &mut Vec<ReasonCode>,
    ) -> Result<bool, ExecutionError> {
        let record = self.ledger.intent(id)?;
        let filled: Decimal = self
            .ledger
            .orders_for_intent(id)?
            .iter()
            .filter(|o| is_entry_order(o))
            .map(|o| o.executed_qty)
            .sum();
        let Some(plan) = record.plans.entry_plan.as_ref() else {
            return Ok(false);
        };
        if filled > Decimal::ZERO {
            return Ok(false);
        }
        let Some(fallback) = fallback_order(plan, record.quantity, self.policy.max_slippage_bps)
        else {
            return Ok(false);
        };
        if !self.churn.allows(self.now(), &self.policy) {
            reasons.push(ReasonCode::ExecutionChurnLimit);
            return Ok(false);
        }
        let rules = self.rules_for(&record.symbol)?;
        let mut order = NewOrder::bare(&record.symbol, OrderSide::Buy, fallback.order_type);
        order.quantity = Some(fallback.quantity);
        order.price = fallback.price.map(|p| rules.price_down(p));
        order.time_in_force = fallback.time_in_force;
        order.new_order_resp_type = Some(NewOrderRespType::Full);
        match self
            .place_child(id, OrderPurpose::Fallback, 0, order)
            .await?
        {
            ChildResult::Placed(_) => Ok(true),
            ChildResult::Refused(error) | ChildResult::Unknown(error) => {
                reasons.push(error.reason_code());
                Ok(false)
            }
        }
    }
}
