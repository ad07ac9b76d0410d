use livespot_binance::rest::account::Order;
use livespot_domain::{AuditEventType, IntentState, OrderStatus, ReasonCode};

use crate::audit_payloads::OrderEvent;
use crate::outcome::order_report;
use crate::{ExecutionEngine, ExecutionError};

impl ExecutionEngine {
    pub(crate) fn record_accepted(
        &mut self,
        client_order_id: &str,
        order: &Order,
    ) -> Result<OrderStatus, ExecutionError> {
        let now = self.now();
        let report = order_report(order);
        let status = self
            .ledger
            .apply_order_report(client_order_id, &report, now)?;
        let recorded = self.ledger.order(client_order_id)?;
        let intent = recorded
            .as_ref()
            .map(|o| o.order_intent_id.clone())
            .unwrap_or_default();
        let event = OrderEvent::new(client_order_id, recorded.as_ref(), &report);
        self.emit(AuditEventType::Order, &intent, vec![], &event);
        self.record_response_fills(order)?;
        Ok(status)
    }

    pub(crate) fn confirm_intent(
        &mut self,
        id: &str,
        reason: Option<ReasonCode>,
    ) -> Result<IntentState, ExecutionError> {
        let now = self.now();
        let state = self
            .ledger
            .transition_intent(id, IntentState::confirm, reason, now)?;
        self.emit(
            AuditEventType::IntentState,
            id,
            reason.into_iter().collect(),
            &state,
        );
        Ok(state)
    }

    pub(crate) fn fail_intent(
        &mut self,
        id: &str,
        reason: ReasonCode,
    ) -> Result<IntentState, ExecutionError> {
        let now = self.now();
        let state =
            self.ledger
                .transition_intent(id, IntentState::fail_terminal, Some(reason), now)?;
        self.emit(AuditEventType::IntentState, id, vec![reason], &state);
        Ok(state)
    }
}
