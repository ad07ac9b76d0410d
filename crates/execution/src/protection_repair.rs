use livespot_binance::client_order_id::OrderPurpose;
use livespot_domain::{AuditEventType, OrderStatus, PositionState};
use rust_decimal::Decimal;

use crate::ledger::OrderRecord;
use crate::protection::ProtectionOutcome;
use crate::{ExecutionEngine, ExecutionError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtectionCheck {
    StillWorking,
    ExitFilled,
    Lost,
}

pub fn protection_check(legs: &[OrderRecord]) -> ProtectionCheck {
    let placed: Vec<&OrderRecord> = legs
        .iter()
        .filter(|o| is_protection_leg(o) && o.exchange_order_id.is_some())
        .collect();
    if placed.iter().any(|o| o.status == OrderStatus::Filled) {
        ProtectionCheck::ExitFilled
    } else if placed.iter().any(|o| !o.status.is_terminal()) {
        ProtectionCheck::StillWorking
    } else {
        ProtectionCheck::Lost
    }
}

fn is_protection_leg(order: &OrderRecord) -> bool {
    order.purpose == OrderPurpose::TakeProfit.as_str()
        || order.purpose == OrderPurpose::StopLoss.as_str()
}

impl ExecutionEngine {
    pub async fn repair_protection(
        &mut self,
    ) -> Result<Vec<(String, ProtectionOutcome)>, ExecutionError> {
        let mut repaired = Vec::new();
        for position in self.ledger.positions_in_state(PositionState::Protected)? {
            let id = position.order_intent_id.clone();
            let legs = self.ledger.orders_for_intent(&id)?;
            let now = self.now();
            match protection_check(&legs) {
                ProtectionCheck::StillWorking => {}
                ProtectionCheck::ExitFilled => {
                    self.ledger.advance_position(
                        &id,
                        &position.symbol,
                        PositionState::start_exit,
                        position.base_qty,
                        now,
                    )?;
                    self.ledger.advance_position(
                        &id,
                        &position.symbol,
                        PositionState::exit_completed,
                        Decimal::ZERO,
                        now,
                    )?;
                    self.emit(AuditEventType::Position, &id, vec![], &PositionState::Flat);
                }
                ProtectionCheck::Lost => {
                    self.ledger.advance_position(
                        &id,
                        &position.symbol,
                        PositionState::protection_lost,
                        position.base_qty,
                        now,
                    )?;
                    let outcome = self.protect(&id).await?;
                    repaired.push((id, outcome));
                }
            }
        }
        Ok(repaired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use livespot_domain::Side;

    fn leg(purpose: OrderPurpose, status: OrderStatus) -> OrderRecord {
        OrderRecord {
            client_order_id: format!("{}-{status}", purpose.as_str()),
            order_intent_id: "i".into(),
            purpose: purpose.as_str().into(),
            symbol: "BTCUSDT".into(),
            side: Side::Sell,
            order_type: "LIMIT_MAKER".into(),
            exchange_order_id: Some(1),
            order_list_id: Some(1),
            status,
            orig_qty: Decimal::ONE,
            price: None,
            executed_qty: Decimal::ZERO,
            cummulative_quote_qty: Decimal::ZERO,
        }
    }

    #[test]
    fn a_canceled_oco_is_lost_a_filled_leg_is_an_exit_a_working_leg_is_fine() {
        let lost = [
            leg(OrderPurpose::TakeProfit, OrderStatus::Canceled),
            leg(OrderPurpose::StopLoss, OrderStatus::Canceled),
        ];
        assert_eq!(protection_check(&lost), ProtectionCheck::Lost);
        let exit = [
            leg(OrderPurpose::TakeProfit, OrderStatus::Filled),
            leg(OrderPurpose::StopLoss, OrderStatus::Expired),
        ];
        assert_eq!(protection_check(&exit), ProtectionCheck::ExitFilled);
        let working = [
            leg(OrderPurpose::TakeProfit, OrderStatus::New),
            leg(OrderPurpose::StopLoss, OrderStatus::New),
        ];
        assert_eq!(protection_check(&working), ProtectionCheck::StillWorking);
        let entry_only = [leg(OrderPurpose::Entry, OrderStatus::Filled)];
        assert_eq!(protection_check(&entry_only), ProtectionCheck::Lost);
    }
}
