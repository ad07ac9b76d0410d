use livespot_binance::client_order_id::OrderPurpose;
use livespot_binance::rest::enums::{NewOrderRespType, OrderSide};
use livespot_binance::rest::requests::{NewOrder, OrderRef};
use livespot_domain::{AuditEventType, OrderStatus, PositionState, ReasonCode, TrailingMode};
use rust_decimal::Decimal;

use crate::protection::ProtectionOutcome;
use crate::send::ChildResult;
use crate::virtual_trail::{TrailSignal, VirtualTrail};
use crate::{ExecutionEngine, ExecutionError};

impl ExecutionEngine {
    pub async fn on_price(
        &mut self,
        symbol: &str,
        price: Decimal,
    ) -> Result<Vec<(String, ProtectionOutcome)>, ExecutionError> {
        let mut exits = Vec::new();
        for position in self.ledger.positions_in_state(PositionState::Protected)? {
            if position.symbol != symbol {
                continue;
            }
            let id = position.order_intent_id.clone();
            let exit = self.ledger.intent(&id)?.plans.exit_plan;
            let Some(delta) = exit
                .filter(|e| e.trailing_mode == TrailingMode::Virtual)
                .and_then(|e| e.trailing_delta_bips)
            else {
                continue;
            };
            let trail = self
                .trails
                .entry(id.clone())
                .or_insert_with(|| VirtualTrail::new(price, delta));
            if let TrailSignal::Exit { stop } = trail.observe(price) {
                self.trails.remove(&id);
                self.emit(AuditEventType::Position, &id, vec![], &stop);
                let outcome = self.virtual_exit(&id, symbol, position.base_qty).await?;
                exits.push((id, outcome));
            }
        }
        Ok(exits)
    }

    async fn cancel_protection_lists(
        &mut self,
        id: &str,
        symbol: &str,
    ) -> Result<(), ExecutionError> {
        let lists: std::collections::BTreeSet<i64> = self
            .ledger
            .orders_for_intent(id)?
            .iter()
            .filter(|o| !o.status.is_terminal())
            .filter_map(|o| o.order_list_id)
            .collect();
        for list in lists {
            if let Err(error) = self
                .client
                .cancel_order_list(symbol, &OrderRef::OrderId(list))
                .await
            {
                self.emit(AuditEventType::Order, id, vec![error.reason_code()], &error);
            }
        }
        let legs: Vec<String> = self
            .ledger
            .orders_for_intent(id)?
            .into_iter()
            .filter(|o| o.order_list_id.is_some() && !o.status.is_terminal())
            .map(|o| o.client_order_id)
            .collect();
        for coid in legs {
            if let Some(order) = self.lookup_order(symbol, &coid).await? {
                self.record_accepted(&coid, &order)?;
            }
        }
        Ok(())
    }

    async fn virtual_exit(
        &mut self,
        id: &str,
        symbol: &str,
        quantity: Decimal,
    ) -> Result<ProtectionOutcome, ExecutionError> {
        self.cancel_protection_lists(id, symbol).await?;
        let now = self.now();
        self.ledger
            .advance_position(id, symbol, PositionState::start_exit, quantity, now)?;
        let mut order = NewOrder::market(symbol, OrderSide::Sell, quantity);
        order.new_order_resp_type = Some(NewOrderRespType::Full);
        let attempt = self.attempts_used(id, OrderPurpose::Exit)?;
        let result = self
            .place_child(id, OrderPurpose::Exit, attempt, order)
            .await?;
        let now = self.now();
        if let ChildResult::Placed(placed) = &result
            && placed.status == OrderStatus::Filled
        {
            self.ledger.advance_position(
                id,
                symbol,
                PositionState::exit_completed,
                Decimal::ZERO,
                now,
            )?;
            return Ok(ProtectionOutcome::SafeClosed {
                attempts: 0,
                close_client_order_id: placed.client_order_id.clone(),
            });
        }
        self.ledger
            .advance_position(id, symbol, PositionState::exit_incomplete, quantity, now)?;
        let outcome = ProtectionOutcome::PauseNeedsManualProtection {
            attempts: 0,
            detail: format!("virtual trailing exit: {result:?}"),
        };
        self.emit(
            AuditEventType::AlertRaised,
            id,
            vec![
                ReasonCode::PauseNeedsManualProtection,
                ReasonCode::AlertRaised,
            ],
            &outcome,
        );
        Ok(outcome)
    }
}
