use std::collections::BTreeSet;

use livespot_binance::client_order_id::OrderPurpose;
use livespot_domain::{
    AuditEventType, EntryKind, IntentState, OrderIntent, PositionState, ReasonCode, Side,
};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ledger::{FillRecord, OrderRecord};
use crate::protection::ProtectionOutcome;
use crate::protection_plan::net_base_after_fees;
use crate::{ExecutionEngine, ExecutionError};

const MY_TRADES_PAGE: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryReport {
    pub order_intent_id: String,
    pub intent_state: IntentState,
    pub filled_qty: Decimal,
    pub net_qty: Decimal,
    pub fallback_used: bool,
    pub position: Option<PositionState>,
    pub reasons: Vec<ReasonCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExecutionReport {
    pub entry: EntryReport,
    pub protection: Option<ProtectionOutcome>,
}

pub fn is_entry_order(order: &OrderRecord) -> bool {
    order.side == Side::Buy
        && (order.purpose == OrderPurpose::Entry.as_str()
            || order.purpose == OrderPurpose::Fallback.as_str())
}

impl ExecutionEngine {
    pub async fn execute(
        &mut self,
        intent: &OrderIntent,
    ) -> Result<ExecutionReport, ExecutionError> {
        let entry = self.enter(intent).await?;
        let protection = if entry.position == Some(PositionState::OpenUnprotected) {
            Some(self.protect(&entry.order_intent_id).await?)
        } else {
            None
        };
        Ok(ExecutionReport { entry, protection })
    }

    pub async fn enter(&mut self, intent: &OrderIntent) -> Result<EntryReport, ExecutionError> {
        let id = intent.order_intent_id.as_str().to_owned();
        if intent.kind == livespot_domain::IntentKind::Protect {
            return Err(ExecutionError::IntentKindNotExecuted(format!(
                "{id}: PROTECT intents are not sent; protection follows every filled entry"
            )));
        }
        let prepared = self.accept_and_prepare(intent).await?;
        let result = self.client.place_order(&prepared.order).await;
        let mut state = self.complete_send(&prepared, result).await?;
        if state == IntentState::NotFound {
            state = self.resend_not_found(&id).await?;
        }
        let mut reasons = Vec::new();
        let mut fallback_used = false;
        if state == IntentState::Confirmed {
            if let Some(EntryKind::MakerFirst { ttl_ms }) =
                intent.entry_plan.as_ref().map(|p| p.kind)
            {
                if self.wait_for_maker(&id, ttl_ms).await? {
                    reasons.push(ReasonCode::ExecutionEntryTtlExpired);
                }
                fallback_used = self.fallback_if_unfilled(&id, &mut reasons).await?;
            }
        } else if state == IntentState::FailedTerminal {
            self.abandon_entry(&id)?;
        }
        let mut report = self.settle_entry(&id).await?;
        report.reasons.extend(reasons);
        report.fallback_used = fallback_used;
        if !report.reasons.is_empty() {
            self.emit(
                AuditEventType::Position,
                &id,
                report.reasons.clone(),
                &report,
            );
        }
        Ok(report)
    }

    fn abandon_entry(&mut self, id: &str) -> Result<(), ExecutionError> {
        let record = self.ledger.intent(id)?;
        if self
            .ledger
            .position(id)?
            .is_some_and(|p| p.state == PositionState::Entering)
        {
            let now = self.now();
            self.ledger.advance_position(
                id,
                &record.symbol,
                PositionState::entry_abandoned,
                Decimal::ZERO,
                now,
            )?;
        }
        Ok(())
    }

    pub async fn sync_fills(
        &mut self,
        symbol: &str,
        order_ids: &BTreeSet<i64>,
    ) -> Result<usize, ExecutionError> {
        if order_ids.is_empty() {
            return Ok(0);
        }
        let trades = self.client.my_trades(symbol, None, MY_TRADES_PAGE).await?;
        let mut recorded = 0;
        for trade in trades.iter().filter(|t| order_ids.contains(&t.order_id)) {
            let fill = FillRecord {
                symbol: trade.symbol.clone(),
                trade_id: trade.id,
                exchange_order_id: trade.order_id,
                price: trade.price,
                qty: trade.qty,
                commission: trade.commission,
                commission_asset: trade.commission_asset.clone(),
                is_buyer: trade.is_buyer,
                ts_ms: trade.time,
            };
            recorded += usize::from(self.store_fill(&fill)?);
        }
        Ok(recorded)
    }

    pub(crate) async fn settle_entry(&mut self, id: &str) -> Result<EntryReport, ExecutionError> {
        let record = self.ledger.intent(id)?;
        let rules = self.rules_for(&record.symbol)?;
        let entry_orders: Vec<OrderRecord> = self
            .ledger
            .orders_for_intent(id)?
            .into_iter()
            .filter(is_entry_order)
            .collect();
        let order_ids: BTreeSet<i64> = entry_orders
            .iter()
            .filter_map(|o| o.exchange_order_id)
            .collect();
        let filled: Decimal = entry_orders.iter().map(|o| o.executed_qty).sum();
        if filled > Decimal::ZERO {
            self.sync_fills(&record.symbol, &order_ids).await?;
        }
        let mut base_fee = Decimal::ZERO;
        for order_id in &order_ids {
            base_fee += self
                .ledger
                .fills_for_order(&record.symbol, *order_id)?
                .iter()
                .filter(|f| f.commission_asset == rules.base_asset)
                .map(|f| f.commission)
                .sum::<Decimal>();
        }
        let net = net_base_after_fees(filled, base_fee, &rules);
        let position = self.settle_position(id, &record.symbol, net)?;
        let report = EntryReport {
            order_intent_id: id.to_owned(),
            intent_state: record.state,
            filled_qty: filled,
            net_qty: net,
            fallback_used: false,
            position,
            reasons: Vec::new(),
        };
        self.emit(AuditEventType::Position, id, vec![], &report);
        Ok(report)
    }

    fn settle_position(
        &mut self,
        id: &str,
        symbol: &str,
        net: Decimal,
    ) -> Result<Option<PositionState>, ExecutionError> {
        let Some(position) = self.ledger.position(id)? else {
            return Ok(None);
        };
        if position.state != PositionState::Entering {
            return Ok(Some(position.state));
        }
        let now = self.now();
        let step = if net > Decimal::ZERO {
            PositionState::entry_filled
        } else {
            PositionState::entry_abandoned
        };
        Ok(Some(
            self.ledger.advance_position(id, symbol, step, net, now)?,
        ))
    }

    pub(crate) async fn finish_recovered_entry(&mut self, id: &str) -> Result<(), ExecutionError> {
        let Some(position) = self.ledger.position(id)? else {
            return Ok(());
        };
        let intent_state = self.ledger.intent(id)?.state;
        if position.state == PositionState::Entering && !intent_state.is_terminal() {
            return Ok(());
        }
        if position.state == PositionState::Entering {
            if intent_state == IntentState::Confirmed {
                self.cancel_open_entry_orders(id).await?;
            }
            self.settle_entry(id).await?;
        }
        if self
            .ledger
            .position(id)?
            .is_some_and(|p| p.state == PositionState::OpenUnprotected)
        {
            self.protect(id).await?;
        }
        Ok(())
    }
}
