use livespot_binance::BinanceError;
use livespot_binance::client_order_id::OrderPurpose;
use livespot_binance::filter_check::OrderCheck;
use livespot_binance::rest::account::Order;
use livespot_binance::rest::enums::{NewOrderRespType, OrderSide, OrderType, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_domain::{
    AuditEventType, ClientOrderId, EntryKind, IntentKind, IntentState, OrderIntent, OrderStatus,
    Side,
};
use rust_decimal::Decimal;

use crate::crash_point::{AFTER_LEDGER_WRITE, AFTER_SEND, crash_point};
use crate::ids::order_client_id;
use crate::ledger::{IntentRecord, NewIntentRow, OrderRecord};
use crate::outcome::SendOutcome;
use crate::{ExecutionEngine, ExecutionError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedSend {
    pub order_intent_id: String,
    pub order: NewOrder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PrimaryShape<'a> {
    symbol: &'a str,
    side: Side,
    client_order_id: &'a str,
    quantity: Decimal,
    price: Option<Decimal>,
    entry_kind: Option<EntryKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildResult {
    Placed(OrderRecord),
    Refused(BinanceError),
    Unknown(BinanceError),
}

pub fn wire_side(side: Side) -> OrderSide {
    match side {
        Side::Buy => OrderSide::Buy,
        Side::Sell => OrderSide::Sell,
    }
}

pub fn order_shape(
    entry_kind: Option<EntryKind>,
    has_price: bool,
) -> (OrderType, Option<TimeInForce>) {
    match entry_kind {
        Some(EntryKind::MakerFirst { .. }) => (OrderType::LimitMaker, None),
        Some(EntryKind::Market) => (OrderType::Market, None),
        _ if !has_price => (OrderType::Market, None),
        _ => (OrderType::Limit, Some(TimeInForce::Ioc)),
    }
}

pub fn pending_row(order_intent_id: &str, purpose: OrderPurpose, order: &NewOrder) -> OrderRecord {
    OrderRecord {
        client_order_id: order.new_client_order_id.clone().unwrap_or_default(),
        order_intent_id: order_intent_id.to_owned(),
        purpose: purpose.as_str().to_owned(),
        symbol: order.symbol.clone(),
        side: if order.side == OrderSide::Buy {
            Side::Buy
        } else {
            Side::Sell
        },
        order_type: order.order_type.as_str().to_owned(),
        exchange_order_id: None,
        order_list_id: None,
        status: OrderStatus::PendingNew,
        orig_qty: order.quantity.unwrap_or(Decimal::ZERO),
        price: order.price,
        executed_qty: Decimal::ZERO,
        cummulative_quote_qty: Decimal::ZERO,
    }
}

impl ExecutionEngine {
    fn intent_row_parts(
        &self,
        intent: &OrderIntent,
    ) -> Result<(ClientOrderId, OrderCheck), ExecutionError> {
        let rules = self.rules_for(intent.symbol.as_str())?;
        let entry_kind = intent.entry_plan.as_ref().map(|p| p.kind);
        let (order_type, _) = order_shape(entry_kind, intent.limit_price.is_some());
        let check = OrderCheck {
            side: wire_side(intent.side),
            order_type,
            price: intent.limit_price.map(livespot_domain::Price::value),
            stop_price: None,
            quantity: intent.quantity.value(),
            iceberg_qty: None,
            trailing_delta: None,
        };
        let reference = intent.limit_price.map(livespot_domain::Price::value);
        let quantized = rules.quantize(&check, reference)?;
        let client_order_id = order_client_id(&intent.order_intent_id, OrderPurpose::Entry, 0)?;
        Ok((client_order_id, quantized))
    }

    pub fn accept_intent(&mut self, intent: &OrderIntent) -> Result<IntentRecord, ExecutionError> {
        let (client_order_id, quantized) = self.intent_row_parts(intent)?;
        let row = NewIntentRow {
            intent,
            client_order_id: &client_order_id,
            quantity: quantized.quantity,
            price: quantized.price,
            opens_position: intent.kind == IntentKind::Entry,
        };
        let now = self.now();
        let record = self.ledger.insert_created(&row, now)?;
        self.emit(
            AuditEventType::IntentState,
            &record.order_intent_id,
            vec![],
            &record,
        );
        Ok(record)
    }

    pub async fn accept_and_prepare(
        &mut self,
        intent: &OrderIntent,
    ) -> Result<PreparedSend, ExecutionError> {
        let (client_order_id, quantized) = self.intent_row_parts(intent)?;
        let shape = PrimaryShape {
            symbol: intent.symbol.as_str(),
            side: intent.side,
            client_order_id: client_order_id.as_str(),
            quantity: quantized.quantity,
            price: quantized.price,
            entry_kind: intent.entry_plan.as_ref().map(|p| p.kind),
        };
        let order = self.primary_order(&shape).await;
        let id = intent.order_intent_id.as_str();
        let row = NewIntentRow {
            intent,
            client_order_id: &client_order_id,
            quantity: quantized.quantity,
            price: quantized.price,
            opens_position: intent.kind == IntentKind::Entry,
        };
        let pending = pending_row(id, OrderPurpose::Entry, &order);
        let now = self.now();
        let record = self.ledger.insert_created_and_sent(&row, &pending, now)?;
        crash_point(AFTER_LEDGER_WRITE);
        self.churn.record(now);
        self.emit(AuditEventType::IntentState, id, vec![], &record);
        Ok(PreparedSend {
            order_intent_id: id.to_owned(),
            order,
        })
    }

    async fn primary_order(&self, shape: &PrimaryShape<'_>) -> NewOrder {
        let (order_type, tif) = order_shape(shape.entry_kind, shape.price.is_some());
        let mut order = NewOrder::bare(shape.symbol, wire_side(shape.side), order_type)
            .with_client_order_id(shape.client_order_id);
        order.quantity = Some(shape.quantity);
        order.time_in_force = tif;
        order.new_order_resp_type = Some(NewOrderRespType::Full);
        if order_type != OrderType::Market {
            order.price = shape.price;
        }
        if order_type == OrderType::LimitMaker
            && let Some(limit) = shape.price
        {
            order.price = Some(self.maker_touch_price(shape.symbol, limit).await);
        }
        order
    }

    pub(crate) async fn primary_new_order(&self, record: &IntentRecord) -> NewOrder {
        let shape = PrimaryShape {
            symbol: &record.symbol,
            side: record.side,
            client_order_id: record.client_order_id.as_str(),
            quantity: record.quantity,
            price: record.price,
            entry_kind: record.plans.entry_plan.as_ref().map(|p| p.kind),
        };
        self.primary_order(&shape).await
    }

    pub async fn prepare_send(
        &mut self,
        order_intent_id: &str,
    ) -> Result<PreparedSend, ExecutionError> {
        let record = self.ledger.intent(order_intent_id)?;
        if !record.state.may_send() {
            return Err(ExecutionError::NotSendable {
                order_intent_id: order_intent_id.to_owned(),
                state: record.state.as_str().to_owned(),
            });
        }
        let order = self.primary_new_order(&record).await;
        let now = self.now();
        let pending = pending_row(order_intent_id, OrderPurpose::Entry, &order);
        self.ledger
            .mark_sent_with_order(order_intent_id, &pending, now)?;
        self.churn.record(now);
        Ok(PreparedSend {
            order_intent_id: order_intent_id.to_owned(),
            order,
        })
    }

    pub async fn send_intent(
        &mut self,
        order_intent_id: &str,
    ) -> Result<IntentState, ExecutionError> {
        let prepared = self.prepare_send(order_intent_id).await?;
        let result = self.client.place_order(&prepared.order).await;
        self.complete_send(&prepared, result).await
    }

    pub async fn complete_send(
        &mut self,
        prepared: &PreparedSend,
        result: Result<Order, BinanceError>,
    ) -> Result<IntentState, ExecutionError> {
        crash_point(AFTER_SEND);
        let id = prepared.order_intent_id.as_str();
        let coid = prepared
            .order
            .new_client_order_id
            .clone()
            .unwrap_or_default();
        match SendOutcome::classify(result) {
            SendOutcome::Accepted(order) => {
                self.record_accepted(&coid, &order)?;
                self.confirm_intent(id, None)
            }
            SendOutcome::Unknown(error) => {
                let now = self.now();
                self.ledger.transition_intent(
                    id,
                    IntentState::mark_sent_unknown,
                    Some(error.reason_code()),
                    now,
                )?;
                self.emit(
                    AuditEventType::IntentState,
                    id,
                    vec![error.reason_code()],
                    &error,
                );
                self.resolve_unknown(id).await
            }
            SendOutcome::Refused(error) => self.after_primary_refused(prepared, &coid, error).await,
        }
    }
}
