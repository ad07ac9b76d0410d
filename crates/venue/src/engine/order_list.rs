use serde_json::{Value, json};

use super::Engine;
use super::events::ExecType;
use super::new_order::NewOrder;
use super::oco_request::OcoRequest;
use super::types::{OrderStatus, RespType};
use crate::api_error::ApiError;

#[derive(Debug, Clone)]
#[expect(
    clippy::struct_field_names,
    reason = "field names follow Binance orderListId"
)]
pub struct OrderList {
    pub account: String,
    pub order_list_id: i64,
    pub symbol: String,
    pub list_client_order_id: String,
    pub order_ids: Vec<u64>,
    pub done: bool,
    pub transaction_time: i64,
}

impl OrderList {
    pub fn status_strings(&self) -> (&'static str, &'static str) {
        if self.done {
            ("ALL_DONE", "ALL_DONE")
        } else {
            ("EXEC_STARTED", "EXECUTING")
        }
    }

    pub fn query_json(&self, engine: &Engine) -> Value {
        let (list_status, order_status) = self.status_strings();
        let orders: Vec<Value> = self
            .order_ids
            .iter()
            .filter_map(|id| engine.orders.get(id))
            .map(|o| json!({"symbol": o.symbol, "orderId": o.order_id, "clientOrderId": o.client_order_id}))
            .collect();
        json!({
            "orderListId": self.order_list_id, "contingencyType": "OCO", "listStatusType": list_status,
            "listOrderStatus": order_status, "listClientOrderId": self.list_client_order_id,
            "transactionTime": self.transaction_time, "symbol": self.symbol, "orders": orders
        })
    }

    fn status_event(&self, now: i64) -> Value {
        let (list_status, order_status) = self.status_strings();
        json!({
            "e": "listStatus", "E": now, "s": self.symbol, "g": self.order_list_id, "c": "OCO",
            "l": list_status, "L": order_status, "r": "NONE", "C": self.list_client_order_id, "T": now,
            "O": self.order_ids.iter().map(|id| json!({"s": self.symbol, "i": id})).collect::<Vec<_>>()
        })
    }
}

fn list_adding(legs: &[NewOrder]) -> crate::order_counts::Counts {
    crate::order_counts::Counts {
        orders: legs.len(),
        algo: legs.iter().filter(|l| l.order_type.is_stop()).count(),
        iceberg: legs.iter().filter(|l| l.iceberg_qty.is_some()).count(),
        lists: 1,
    }
}

impl Engine {
    fn publish_list_status(&mut self, list_id: i64) {
        let now = self.now();
        let Some(list) = self.lists.get(&list_id) else {
            return;
        };
        let mut event = list.status_event(now);
        if let Some(legs) = event.get_mut("O").and_then(Value::as_array_mut) {
            for leg in legs {
                let id = leg.get("i").and_then(Value::as_u64).unwrap_or_default();
                let client = self
                    .orders
                    .get(&id)
                    .map(|o| o.client_order_id.clone())
                    .unwrap_or_default();
                leg["c"] = json!(client);
            }
        }
        let account = list.account.clone();
        self.publish_user(&account, event);
    }

    pub fn place_oco(&mut self, api_key: &str, req: &OcoRequest) -> Result<Value, ApiError> {
        let now = self.now();
        let spec = self.symbol_spec(&req.symbol)?;
        if !spec.oco_allowed {
            return Err(ApiError::rejected(
                "OCO orders are not supported for this symbol",
            ));
        }
        req.check_types()?;
        if let Some(last) = self.last_price(&req.symbol) {
            req.check_prices(last)?;
        }
        let legs = req.ordered_legs();
        self.check_counts(api_key, &spec, list_adding(&legs))?;
        for leg in &legs {
            self.validate(api_key, leg, &spec)?;
        }
        let wall_now = self.rate_now();
        self.rate.check_orders(wall_now, 2, self.exchange.limits)?;
        let list_id = self.allocate_list_id();
        let mut order_ids = Vec::new();
        for (index, leg) in legs.iter().enumerate() {
            let mut order = self.new_leg(api_key, leg, now);
            order.order_list_id = list_id;
            order.locked = index == 0;
            order_ids.push(self.insert_locked(order, &spec)?);
        }
        self.rate.add_orders(wall_now, 2);
        let list = OrderList {
            account: api_key.to_owned(),
            order_list_id: list_id,
            symbol: req.symbol.clone(),
            list_client_order_id: req
                .list_client_order_id
                .clone()
                .unwrap_or_else(|| format!("simlist{list_id:06}")),
            order_ids: order_ids.clone(),
            done: false,
            transaction_time: now,
        };
        self.lists.insert(list_id, list);
        for id in &order_ids {
            self.report(*id, ExecType::New, None, None);
        }
        self.publish_list_status(list_id);
        self.report_position(api_key, &req.symbol);
        Ok(self.list_response(list_id, req.resp_type.unwrap_or(RespType::Full), None))
    }

    fn new_leg(&mut self, api_key: &str, leg: &NewOrder, now: i64) -> super::order::Order {
        let mut order = self.build_order(api_key, leg, &super::plan::Plan::default(), now);
        order.lock_price = leg.price.or(leg.stop_price).unwrap_or_default();
        order
    }

    pub fn list_response(
        &self,
        list_id: i64,
        resp: RespType,
        cancel_client_id: Option<&str>,
    ) -> Value {
        let Some(list) = self.lists.get(&list_id) else {
            return json!({});
        };
        let mut value = list.query_json(self);
        let reports: Vec<Value> = list
            .order_ids
            .iter()
            .filter_map(|id| self.orders.get(id))
            .map(|o| match (cancel_client_id, resp) {
                (Some(cancel), _) => o.cancel_json(cancel, list.transaction_time),
                (None, RespType::Ack) => Value::Object(o.ack_json(list.transaction_time)),
                (None, _) => Value::Object(o.result_json(list.transaction_time)),
            })
            .collect();
        value["orderReports"] = json!(reports);
        value
    }

    pub(super) fn on_list_leg_activity(&mut self, order_id: u64) {
        let Some(list_id) = self
            .orders
            .get(&order_id)
            .map(|o| o.order_list_id)
            .filter(|id| *id >= 0)
        else {
            return;
        };
        let Some(list) = self.lists.get(&list_id).cloned() else {
            return;
        };
        if list.done {
            return;
        }
        for other in list.order_ids.iter().filter(|id| **id != order_id) {
            self.end_order(*other, OrderStatus::Expired, Some("OCO_TRIGGER"), None);
        }
        self.close_list_if_done(list_id);
    }

    pub(super) fn close_list_if_done(&mut self, list_id: i64) {
        let Some(list) = self.lists.get_mut(&list_id) else {
            return;
        };
        if list.done {
            return;
        }
        list.done = true;
        self.publish_list_status(list_id);
    }

    pub fn cancel_list(
        &mut self,
        api_key: &str,
        symbol: &str,
        list_id: Option<i64>,
        list_client_id: Option<&str>,
        cancel_client_id: &str,
    ) -> Result<Value, ApiError> {
        let found = self.lists.values().find(|l| {
            l.account == api_key
                && l.symbol == symbol
                && list_id.is_none_or(|id| id == l.order_list_id)
                && list_client_id.is_none_or(|c| c == l.list_client_order_id)
        });
        let list = match (list_id, list_client_id, found) {
            (None, None, _) => {
                return Err(ApiError::bad(
                    -1102,
                    "Param 'orderListId' or 'listClientOrderId' must be sent, but both were empty/null!",
                ));
            }
            (_, _, Some(list)) if !list.done => list.clone(),
            _ => return Err(ApiError::bad(-2011, "Order list does not exist.")),
        };
        for id in &list.order_ids {
            self.end_order(*id, OrderStatus::Canceled, None, Some(cancel_client_id));
        }
        self.close_list_if_done(list.order_list_id);
        self.report_position(api_key, symbol);
        Ok(self.list_response(list.order_list_id, RespType::Full, Some(cancel_client_id)))
    }
}
