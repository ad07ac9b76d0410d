pub use crate::protection_outcome::ProtectionOutcome;
use livespot_binance::BinanceError;
use livespot_binance::client_order_id::OrderPurpose;
use livespot_binance::rest::account::OrderList;
use livespot_binance::rest::enums::{NewOrderRespType, OrderSide, OrderType};
use livespot_binance::rest::requests::{NewOrder, OcoOrder, OrderRef};
use livespot_domain::{AuditEventType, OrderIntentId, OrderStatus, PositionState, ReasonCode};
use rust_decimal::Decimal;

use crate::ids::order_client_id;
use crate::outcome::is_order_missing;
use crate::protection_plan::{ProtectionIds, protection_order};
use crate::send::{ChildResult, pending_row};
use crate::{ExecutionEngine, ExecutionError};

fn protection_ids(intent: &OrderIntentId, attempt: u32) -> Result<ProtectionIds, ExecutionError> {
    Ok(ProtectionIds {
        list: order_client_id(intent, OrderPurpose::ProtectionList, attempt)?
            .as_str()
            .to_owned(),
        take_profit: order_client_id(intent, OrderPurpose::TakeProfit, attempt)?
            .as_str()
            .to_owned(),
        stop_loss: order_client_id(intent, OrderPurpose::StopLoss, attempt)?
            .as_str()
            .to_owned(),
    })
}

type StepFn = fn(PositionState) -> Result<PositionState, livespot_domain::TransitionRejected>;

impl ExecutionEngine {
    pub async fn protect(&mut self, id: &str) -> Result<ProtectionOutcome, ExecutionError> {
        let Some((symbol, rules, exit, quantity)) = self.protection_target(id).await? else {
            return Ok(ProtectionOutcome::NothingToProtect);
        };
        if let Err(error) = rules.exit_quantity(quantity, exit.stop_loss.value()) {
            let outcome = ProtectionOutcome::DustBelowMinimum {
                quantity,
                reason: error.reason_code(),
            };
            self.emit(
                AuditEventType::Position,
                id,
                vec![error.reason_code()],
                &outcome,
            );
            return Ok(outcome);
        }
        let intent_id = OrderIntentId::new(id).map_err(ExecutionError::ClientOrderId)?;
        let attempts = self.policy.protection_retries + 1;
        let used = self.protection_attempts_used(id)?;
        for attempt in 0..attempts {
            let ids = protection_ids(&intent_id, used + attempt)?;
            let order =
                protection_order(&rules, &exit, quantity, &ids, self.policy.max_slippage_bps);
            match self.install(id, &order).await {
                Ok(client_order_ids) => {
                    let outcome = ProtectionOutcome::Installed {
                        attempts: attempt + 1,
                        client_order_ids,
                    };
                    return self.mark_protected(id, &symbol, quantity, outcome);
                }
                Err(error) => {
                    self.emit(
                        AuditEventType::Order,
                        id,
                        vec![ReasonCode::ProtectionInstallFailed, error.reason_code()],
                        &error,
                    );
                    if attempt + 1 < attempts {
                        self.pause(self.policy.protection_retry_backoff_ms).await;
                    }
                }
            }
        }
        self.safe_close(id, &symbol, quantity, attempts).await
    }

    fn mark_protected(
        &mut self,
        id: &str,
        symbol: &str,
        quantity: Decimal,
        outcome: ProtectionOutcome,
    ) -> Result<ProtectionOutcome, ExecutionError> {
        let now = self.now();
        self.ledger
            .advance_position(id, symbol, PositionState::protect, quantity, now)?;
        self.emit(AuditEventType::Position, id, vec![], &outcome);
        Ok(outcome)
    }

    async fn protection_target(
        &self,
        id: &str,
    ) -> Result<
        Option<(
            String,
            crate::SymbolRules,
            livespot_domain::ExitPlan,
            Decimal,
        )>,
        ExecutionError,
    > {
        let record = self.ledger.intent(id)?;
        let position = self.ledger.position(id)?;
        let Some(position) = position.filter(|p| p.state == PositionState::OpenUnprotected) else {
            return Ok(None);
        };
        let rules = self.rules_for(&record.symbol)?;
        let exit = record
            .plans
            .exit_plan
            .clone()
            .ok_or_else(|| ExecutionError::PlanMissing(id.to_owned()))?;
        let held = self.free_base(&rules.base_asset).await?;
        let quantity = rules.sellable_quantity(position.base_qty.min(held));
        Ok((quantity > Decimal::ZERO).then_some((record.symbol, rules, exit, quantity)))
    }

    fn protection_attempts_used(&self, id: &str) -> Result<u32, ExecutionError> {
        self.attempts_used(id, OrderPurpose::StopLoss)
    }

    pub(crate) fn attempts_used(
        &self,
        id: &str,
        purpose: OrderPurpose,
    ) -> Result<u32, ExecutionError> {
        let used = self
            .ledger
            .orders_for_intent(id)?
            .iter()
            .filter(|o| o.purpose == purpose.as_str())
            .count();
        Ok(u32::try_from(used).unwrap_or(u32::MAX))
    }

    async fn free_base(&self, asset: &str) -> Result<Decimal, ExecutionError> {
        let account = self.client.account().await?;
        Ok(account.balance(asset).map_or(Decimal::ZERO, |b| b.free))
    }

    async fn install(&mut self, id: &str, oco: &OcoOrder) -> Result<Vec<String>, BinanceError> {
        let now = self.now();
        self.churn.record(now);
        let list_id = oco.list_client_order_id.clone().unwrap_or_default();
        match self.client.place_oco(oco).await {
            Ok(list) => Ok(self.record_list(id, &list)),
            Err(error) if error.is_status_unknown() => match self
                .client
                .query_order_list(&OrderRef::ClientOrderId(list_id))
                .await
            {
                Ok(list) => Ok(self.record_list(id, &list)),
                Err(lookup) if is_order_missing(&lookup) => Err(error),
                Err(lookup) => Err(lookup),
            },
            Err(error) => Err(error),
        }
    }

    fn record_pending(&mut self, id: &str, purpose: OrderPurpose, order: &NewOrder) {
        let now = self.now();
        let result = self
            .ledger
            .insert_pending_order(&pending_row(id, purpose, order), now)
            .map(|_| ());
        Self::log_ledger(result.map_err(ExecutionError::from));
    }

    fn log_ledger(result: Result<(), ExecutionError>) {
        if let Err(error) = result {
            tracing::error!(%error, "ledger write after a venue answer failed; reconciliation will repair it");
        }
    }

    fn record_list(&mut self, id: &str, list: &OrderList) -> Vec<String> {
        let mut ids = Vec::new();
        for report in &list.order_reports {
            let take_profit_leg = matches!(
                report.order_type,
                Some(OrderType::LimitMaker | OrderType::TakeProfit | OrderType::TakeProfitLimit)
            );
            let purpose = if take_profit_leg {
                OrderPurpose::TakeProfit
            } else {
                OrderPurpose::StopLoss
            };
            let mut shape = NewOrder::bare(
                &report.symbol,
                OrderSide::Sell,
                report.order_type.unwrap_or(OrderType::Limit),
            )
            .with_client_order_id(report.client_order_id.clone());
            shape.quantity = report.orig_qty;
            shape.price = report.price;
            self.record_pending(id, purpose, &shape);
            let result = self
                .record_accepted(&report.client_order_id, report)
                .map(|_| ());
            Self::log_ledger(result);
            ids.push(report.client_order_id.clone());
        }
        ids
    }

    async fn safe_close(
        &mut self,
        id: &str,
        symbol: &str,
        quantity: Decimal,
        attempts: u32,
    ) -> Result<ProtectionOutcome, ExecutionError> {
        let now = self.now();
        self.ledger
            .advance_position(id, symbol, PositionState::start_exit, quantity, now)?;
        let mut order = NewOrder::market(symbol, OrderSide::Sell, quantity);
        order.new_order_resp_type = Some(NewOrderRespType::Full);
        let attempt = self.attempts_used(id, OrderPurpose::Exit)?;
        let result = self
            .place_child(id, OrderPurpose::Exit, attempt, order)
            .await?;
        let (outcome, step, left): (_, StepFn, _) = match result {
            ChildResult::Placed(placed) if placed.status == OrderStatus::Filled => (
                ProtectionOutcome::SafeClosed {
                    attempts,
                    close_client_order_id: placed.client_order_id,
                },
                PositionState::exit_completed,
                Decimal::ZERO,
            ),
            ChildResult::Placed(placed) => {
                let left = quantity - placed.executed_qty;
                let detail = format!("safe close ended {} with {left} left", placed.status);
                (
                    ProtectionOutcome::PauseNeedsManualProtection { attempts, detail },
                    PositionState::exit_incomplete,
                    left,
                )
            }
            ChildResult::Refused(error) | ChildResult::Unknown(error) => (
                ProtectionOutcome::PauseNeedsManualProtection {
                    attempts,
                    detail: error.to_string(),
                },
                PositionState::exit_incomplete,
                quantity,
            ),
        };
        let now = self.now();
        self.ledger.advance_position(id, symbol, step, left, now)?;
        let event_type = if matches!(outcome, ProtectionOutcome::SafeClosed { .. }) {
            AuditEventType::Position
        } else {
            AuditEventType::AlertRaised
        };
        self.emit(event_type, id, outcome.reason_codes(), &outcome);
        Ok(outcome)
    }
}
