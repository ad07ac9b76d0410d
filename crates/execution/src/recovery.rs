use livespot_domain::{
    AuditEventType, IntentState, OrderLookup, OrderStatus, PositionState, ReasonCode,
};
use serde::Serialize;

use crate::{ExecutionEngine, ExecutionError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecoveryReport {
    pub resolved: Vec<(String, IntentState)>,
    pub still_unknown: Vec<String>,
    pub positions_finished: Vec<String>,
}

impl ExecutionEngine {
    async fn lookup_pending_orders(
        &mut self,
        order_intent_id: &str,
    ) -> Result<OrderLookup, ExecutionError> {
        let primary = self.ledger.intent(order_intent_id)?.client_order_id;
        let primary = primary.as_str();
        let pending: Vec<_> = self
            .ledger
            .orders_for_intent(order_intent_id)?
            .into_iter()
            .filter(|o| o.status == OrderStatus::PendingNew)
            .collect();
        let mut found_any = self
            .ledger
            .orders_for_intent(order_intent_id)?
            .iter()
            .any(|o| o.exchange_order_id.is_some());
        for order in pending {
            let lookup = self
                .lookup_order(&order.symbol, &order.client_order_id)
                .await?;
            if let Some(found) = lookup {
                self.record_accepted(&order.client_order_id, &found)?;
                found_any = true;
            } else if order.client_order_id != primary {
                let now = self.now();
                self.ledger
                    .mark_order_never_placed(&order.client_order_id, now)?;
            }
        }
        Ok(if found_any {
            OrderLookup::Found
        } else {
            OrderLookup::NotFound
        })
    }

    pub async fn resolve_unknown(
        &mut self,
        order_intent_id: &str,
    ) -> Result<IntentState, ExecutionError> {
        let lookup = self.lookup_pending_orders(order_intent_id).await?;
        let now = self.now();
        let state = self.ledger.transition_intent(
            order_intent_id,
            |s| s.resolve_by_lookup(lookup),
            Some(ReasonCode::BinanceStatusUnknown),
            now,
        )?;
        self.emit(
            AuditEventType::IntentState,
            order_intent_id,
            vec![ReasonCode::BinanceStatusUnknown],
            &state,
        );
        Ok(state)
    }

    pub async fn resend_not_found(
        &mut self,
        order_intent_id: &str,
    ) -> Result<IntentState, ExecutionError> {
        let record = self.ledger.intent(order_intent_id)?;
        if record.state != IntentState::NotFound {
            return Err(ExecutionError::NotSendable {
                order_intent_id: order_intent_id.to_owned(),
                state: record.state.as_str().to_owned(),
            });
        }
        self.send_intent(order_intent_id).await
    }

    async fn recover_one(
        &mut self,
        order_intent_id: &str,
        from: IntentState,
    ) -> Result<IntentState, ExecutionError> {
        let now = self.now();
        match from {
            IntentState::Created => {
                if self.lookup_pending_orders(order_intent_id).await? == OrderLookup::NotFound {
                    return self.fail_intent(order_intent_id, ReasonCode::IntentExpired);
                }
                self.ledger.transition_intent(
                    order_intent_id,
                    IntentState::mark_sent,
                    None,
                    now,
                )?;
                self.ledger.transition_intent(
                    order_intent_id,
                    IntentState::mark_sent_unknown,
                    Some(ReasonCode::BinanceStatusUnknown),
                    now,
                )?;
            }
            IntentState::Sent => {
                self.ledger.transition_intent(
                    order_intent_id,
                    IntentState::mark_sent_unknown,
                    Some(ReasonCode::BinanceStatusUnknown),
                    now,
                )?;
            }
            _ => {}
        }
        self.resolve_unknown(order_intent_id).await
    }

    pub(crate) async fn resolve_stuck(&mut self) -> Result<(), ExecutionError> {
        for intent in self.ledger.intents_in_states(&[IntentState::SentUnknown])? {
            self.resolve_unknown(&intent.order_intent_id).await?;
        }
        self.finish_open_positions().await?;
        Ok(())
    }

    pub async fn recover_at_start(&mut self) -> Result<RecoveryReport, ExecutionError> {
        let mut report = RecoveryReport::default();
        for intent in self.ledger.unresolved_intents()? {
            let id = intent.order_intent_id.clone();
            match self.recover_one(&id, intent.state).await {
                Ok(state) => report.resolved.push((id.clone(), state)),
                Err(error) => {
                    tracing::warn!(%error, order_intent_id = id, "intent still unresolved after lookup");
                    report.still_unknown.push(id.clone());
                    continue;
                }
            }
            self.finish_recovered_entry(&id).await?;
        }
        report.positions_finished = self.finish_open_positions().await?;
        Ok(report)
    }

    pub(crate) async fn finish_open_positions(&mut self) -> Result<Vec<String>, ExecutionError> {
        let mut finished = Vec::new();
        for position in self.ledger.positions_in_state(PositionState::Exiting)? {
            self.settle_exit(
                &position.order_intent_id,
                &position.symbol,
                position.base_qty,
            )
            .await?;
        }
        for state in [PositionState::Entering, PositionState::OpenUnprotected] {
            for position in self.ledger.positions_in_state(state)? {
                self.finish_recovered_entry(&position.order_intent_id)
                    .await?;
                finished.push(position.order_intent_id);
            }
        }
        Ok(finished)
    }

    async fn settle_exit(
        &mut self,
        id: &str,
        symbol: &str,
        quantity: rust_decimal::Decimal,
    ) -> Result<(), ExecutionError> {
        let exits: Vec<_> = self
            .ledger
            .orders_for_intent(id)?
            .into_iter()
            .filter(|o| o.purpose == livespot_binance::client_order_id::OrderPurpose::Exit.as_str())
            .collect();
        let mut sold = false;
        for order in exits {
            let status = match self.lookup_order(symbol, &order.client_order_id).await? {
                Some(found) => self.record_accepted(&order.client_order_id, &found)?,
                None => order.status,
            };
            sold |= status == OrderStatus::Filled;
        }
        let now = self.now();
        if sold {
            self.ledger.advance_position(
                id,
                symbol,
                PositionState::exit_completed,
                rust_decimal::Decimal::ZERO,
                now,
            )?;
        } else {
            self.ledger.advance_position(
                id,
                symbol,
                PositionState::exit_incomplete,
                quantity,
                now,
            )?;
        }
        Ok(())
    }
}
