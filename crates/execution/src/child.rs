use livespot_binance::BinanceError;
use livespot_binance::client_order_id::OrderPurpose;
use livespot_binance::rest::account::Order;
use livespot_binance::rest::enums::OrderType;
use livespot_binance::rest::requests::{NewOrder, OrderRef};
use livespot_domain::{AuditEventType, IntentState};
use rust_decimal::Decimal;

use crate::audit_payloads::FillEvent;
use crate::entry_step::maker_buy_price;
use crate::ids::order_client_id;
use crate::ledger::FillRecord;
use crate::outcome::{SendOutcome, is_order_missing, is_would_take, refusal_reason};
use crate::send::{ChildResult, PreparedSend, pending_row};
use crate::{ExecutionEngine, ExecutionError};

impl ExecutionEngine {
    pub(crate) async fn maker_touch_price(&self, symbol: &str, limit: Decimal) -> Decimal {
        let tick = self
            .rules
            .get(symbol)
            .map_or(Decimal::ZERO, crate::SymbolRules::tick_size);
        match self.client.book_ticker(symbol).await {
            Ok(book) => {
                maker_buy_price(limit, book.bid_price, book.ask_price, tick).unwrap_or(limit)
            }
            Err(error) => {
                tracing::warn!(%error, symbol, "book ticker unavailable, maker order at the plan's limit");
                limit
            }
        }
    }

    pub async fn lookup_order(
        &self,
        symbol: &str,
        client_order_id: &str,
    ) -> Result<Option<Order>, BinanceError> {
        let reference = OrderRef::ClientOrderId(client_order_id.to_owned());
        let mut last = BinanceError::Transport {
            detail: "no lookup attempted".into(),
        };
        for _ in 0..self.policy.unknown_lookup_attempts.max(1) {
            match self.client.query_order(symbol, &reference).await {
                Ok(order) => return Ok(Some(order)),
                Err(error) if is_order_missing(&error) => return Ok(None),
                Err(error)
                    if error.is_retryable_without_reconcile() || error.is_status_unknown() =>
                {
                    last = error;
                    self.pause(self.policy.poll_interval_ms).await;
                }
                Err(error) => return Err(error),
            }
        }
        Err(last)
    }

    pub(crate) async fn place_child(
        &mut self,
        order_intent_id: &str,
        purpose: OrderPurpose,
        attempt: u32,
        order: NewOrder,
    ) -> Result<ChildResult, ExecutionError> {
        let intent_id = livespot_domain::OrderIntentId::new(order_intent_id)
            .map_err(ExecutionError::ClientOrderId)?;
        let coid = order_client_id(&intent_id, purpose, attempt)?;
        let order = order.with_client_order_id(coid.as_str());
        let now = self.now();
        self.ledger
            .insert_pending_order(&pending_row(order_intent_id, purpose, &order), now)?;
        self.churn.record(now);
        let result = self.client.place_order(&order).await;
        self.settle_child(&order, result).await
    }

    async fn settle_child(
        &mut self,
        order: &NewOrder,
        result: Result<Order, BinanceError>,
    ) -> Result<ChildResult, ExecutionError> {
        let coid = order.new_client_order_id.clone().unwrap_or_default();
        let error = match SendOutcome::classify(result) {
            SendOutcome::Accepted(placed) => {
                self.record_accepted(&coid, &placed)?;
                return self.child_placed(&coid);
            }
            SendOutcome::Refused(error) => {
                let now = self.now();
                self.ledger.mark_order_never_placed(&coid, now)?;
                return Ok(ChildResult::Refused(error));
            }
            SendOutcome::Unknown(error) => error,
        };
        match self.lookup_order(&order.symbol, &coid).await {
            Ok(Some(found)) => {
                self.record_accepted(&coid, &found)?;
                self.child_placed(&coid)
            }
            Ok(None) => {
                let now = self.now();
                self.ledger.mark_order_never_placed(&coid, now)?;
                Ok(ChildResult::Refused(error))
            }
            Err(_) => Ok(ChildResult::Unknown(error)),
        }
    }

    fn child_placed(&self, coid: &str) -> Result<ChildResult, ExecutionError> {
        let record = self.ledger.order(coid)?.ok_or_else(|| {
            ExecutionError::Ledger(crate::LedgerError::IntentUnknown(coid.to_owned()))
        })?;
        Ok(ChildResult::Placed(record))
    }

    pub(crate) async fn after_primary_refused(
        &mut self,
        prepared: &PreparedSend,
        coid: &str,
        error: BinanceError,
    ) -> Result<IntentState, ExecutionError> {
        let id = prepared.order_intent_id.as_str();
        let now = self.now();
        self.ledger.mark_order_never_placed(coid, now)?;
        if !(is_would_take(&error) && prepared.order.order_type == OrderType::LimitMaker) {
            return self.fail_intent(id, refusal_reason(&error));
        }
        self.emit(
            AuditEventType::Order,
            id,
            vec![refusal_reason(&error)],
            &error,
        );
        for attempt in 1..=self.policy.max_reprices {
            if !self.churn.allows(self.now(), &self.policy) {
                return self.fail_intent(id, livespot_domain::ReasonCode::ExecutionChurnLimit);
            }
            let limit = prepared.order.price.unwrap_or(Decimal::ZERO);
            let mut repriced = prepared.order.clone();
            repriced.price = Some(self.maker_touch_price(&repriced.symbol, limit).await);
            match self
                .place_child(id, OrderPurpose::Entry, attempt, repriced)
                .await?
            {
                ChildResult::Placed(_) => {
                    return self.confirm_intent(
                        id,
                        Some(livespot_domain::ReasonCode::ExecutionEntryWouldTake),
                    );
                }
                ChildResult::Refused(again) if is_would_take(&again) => {}
                ChildResult::Refused(other) => return self.fail_intent(id, refusal_reason(&other)),
                ChildResult::Unknown(unknown) => {
                    let now = self.now();
                    self.ledger.transition_intent(
                        id,
                        IntentState::mark_sent_unknown,
                        Some(unknown.reason_code()),
                        now,
                    )?;
                    return Ok(IntentState::SentUnknown);
                }
            }
        }
        self.fail_intent(id, livespot_domain::ReasonCode::ExecutionEntryWouldTake)
    }

    pub(crate) fn store_fill(&mut self, fill: &FillRecord) -> Result<bool, ExecutionError> {
        let inserted = self.ledger.record_fill(fill)?;
        if inserted {
            let order = self.ledger.order_by_exchange_id(fill.exchange_order_id)?;
            let intent = order
                .as_ref()
                .map(|o| o.order_intent_id.clone())
                .unwrap_or_default();
            let client_order_id = order.as_ref().map(|o| o.client_order_id.as_str());
            let event = FillEvent::new(fill, client_order_id);
            self.emit(AuditEventType::Fill, &intent, vec![], &event);
        }
        Ok(inserted)
    }

    pub(crate) fn record_response_fills(&mut self, order: &Order) -> Result<(), ExecutionError> {
        let is_buyer = order
            .side
            .is_some_and(|s| s == livespot_binance::rest::enums::OrderSide::Buy);
        let ts_ms = order.transact_time.unwrap_or_else(|| self.now());
        for fill in &order.fills {
            self.store_fill(&FillRecord {
                symbol: order.symbol.clone(),
                trade_id: fill.trade_id,
                exchange_order_id: order.order_id,
                price: fill.price,
                qty: fill.qty,
                commission: fill.commission,
                commission_asset: fill.commission_asset.clone(),
                is_buyer,
                ts_ms,
            })?;
        }
        Ok(())
    }
}
