use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::types::{OrderStatus, OrderType, Side, Tif};
use crate::num::fmt8;

#[derive(Debug, Clone)]
#[expect(
    clippy::struct_field_names,
    reason = "field names follow Binance orderId/orderListId"
)]
pub struct Order {
    pub account: String,
    pub symbol: String,
    pub order_id: u64,
    pub order_list_id: i64,
    pub client_order_id: String,
    pub side: Side,
    pub order_type: OrderType,
    pub tif: Tif,
    pub price: Decimal,
    pub orig_qty: Decimal,
    pub executed_qty: Decimal,
    pub cumm_quote: Decimal,
    pub orig_quote_order_qty: Decimal,
    pub status: OrderStatus,
    pub stop_price: Option<Decimal>,
    pub trailing_delta: Option<u32>,
    pub trailing_time: i64,
    pub trail_ref: Option<Decimal>,
    pub iceberg_qty: Option<Decimal>,
    pub time: i64,
    pub update_time: i64,
    pub working_time: i64,
    pub triggered: bool,
    pub expiry_reason: Option<&'static str>,
    pub locked: bool,
    pub lock_price: Decimal,
    pub first_fill_seen: bool,
}

#[derive(Debug, Clone)]
pub struct Fill {
    pub account: String,
    pub symbol: String,
    pub trade_id: i64,
    pub order_id: u64,
    pub order_list_id: i64,
    pub price: Decimal,
    pub qty: Decimal,
    pub commission: Decimal,
    pub commission_asset: String,
    pub time: i64,
    pub is_buyer: bool,
    pub is_maker: bool,
}

impl Fill {
    pub fn full_json(&self) -> Value {
        json!({
            "price": fmt8(self.price), "qty": fmt8(self.qty), "commission": fmt8(self.commission),
            "commissionAsset": self.commission_asset, "tradeId": self.trade_id
        })
    }

    pub fn my_trade_json(&self) -> Value {
        json!({
            "symbol": self.symbol, "id": self.trade_id, "orderId": self.order_id,
            "orderListId": self.order_list_id, "price": fmt8(self.price), "qty": fmt8(self.qty),
            "quoteQty": fmt8(self.price * self.qty), "commission": fmt8(self.commission),
            "commissionAsset": self.commission_asset, "time": self.time, "isBuyer": self.is_buyer,
            "isMaker": self.is_maker, "isBestMatch": true
        })
    }
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.insert(key.to_owned(), value);
}

impl Order {
    pub fn remaining(&self) -> Decimal {
        self.orig_qty - self.executed_qty
    }

    pub fn is_working(&self) -> bool {
        self.working_time >= 0
    }

    pub fn ack_json(&self, transact_time: i64) -> Map<String, Value> {
        let mut map = Map::new();
        insert(&mut map, "symbol", json!(self.symbol));
        insert(&mut map, "orderId", json!(self.order_id));
        insert(&mut map, "orderListId", json!(self.order_list_id));
        insert(&mut map, "clientOrderId", json!(self.client_order_id));
        insert(&mut map, "transactTime", json!(transact_time));
        map
    }

    fn common_fields(&self, map: &mut Map<String, Value>) {
        insert(map, "price", json!(fmt8(self.price)));
        insert(map, "origQty", json!(fmt8(self.orig_qty)));
        insert(map, "executedQty", json!(fmt8(self.executed_qty)));
        insert(
            map,
            "origQuoteOrderQty",
            json!(fmt8(self.orig_quote_order_qty)),
        );
        insert(map, "cummulativeQuoteQty", json!(fmt8(self.cumm_quote)));
        insert(map, "status", json!(self.status.as_str()));
        insert(map, "timeInForce", json!(self.tif.as_str()));
        insert(map, "type", json!(self.order_type.as_str()));
        insert(map, "side", json!(self.side.as_str()));
    }

    fn conditional_fields(&self, map: &mut Map<String, Value>) {
        if let Some(stop) = self.stop_price {
            insert(map, "stopPrice", json!(fmt8(stop)));
        }
        if let Some(iceberg) = self.iceberg_qty {
            insert(map, "icebergQty", json!(fmt8(iceberg)));
        }
        if let Some(delta) = self.trailing_delta {
            insert(map, "trailingDelta", json!(delta));
            insert(map, "trailingTime", json!(self.trailing_time));
        }
        if let Some(reason) = self.expiry_reason {
            insert(map, "expiryReason", json!(reason));
        }
    }

    pub fn result_json(&self, transact_time: i64) -> Map<String, Value> {
        let mut map = self.ack_json(transact_time);
        self.common_fields(&mut map);
        insert(&mut map, "workingTime", json!(self.working_time));
        insert(&mut map, "selfTradePreventionMode", json!("NONE"));
        self.conditional_fields(&mut map);
        map
    }

    pub fn query_json(&self) -> Value {
        let mut map = Map::new();
        insert(&mut map, "symbol", json!(self.symbol));
        insert(&mut map, "orderId", json!(self.order_id));
        insert(&mut map, "orderListId", json!(self.order_list_id));
        insert(&mut map, "clientOrderId", json!(self.client_order_id));
        self.common_fields(&mut map);
        insert(
            &mut map,
            "stopPrice",
            json!(fmt8(self.stop_price.unwrap_or_default())),
        );
        insert(
            &mut map,
            "icebergQty",
            json!(fmt8(self.iceberg_qty.unwrap_or_default())),
        );
        insert(&mut map, "time", json!(self.time));
        insert(&mut map, "updateTime", json!(self.update_time));
        insert(&mut map, "isWorking", json!(self.is_working()));
        insert(&mut map, "workingTime", json!(self.working_time));
        insert(&mut map, "selfTradePreventionMode", json!("NONE"));
        if let Some(delta) = self.trailing_delta {
            insert(&mut map, "trailingDelta", json!(delta));
            insert(&mut map, "trailingTime", json!(self.trailing_time));
        }
        if let Some(reason) = self.expiry_reason {
            insert(&mut map, "expiryReason", json!(reason));
        }
        Value::Object(map)
    }

    pub fn cancel_json(&self, cancel_client_id: &str, transact_time: i64) -> Value {
        let mut map = Map::new();
        insert(&mut map, "symbol", json!(self.symbol));
        insert(&mut map, "origClientOrderId", json!(self.client_order_id));
        insert(&mut map, "orderId", json!(self.order_id));
        insert(&mut map, "orderListId", json!(self.order_list_id));
        insert(&mut map, "clientOrderId", json!(cancel_client_id));
        insert(&mut map, "transactTime", json!(transact_time));
        self.common_fields(&mut map);
        insert(&mut map, "selfTradePreventionMode", json!("NONE"));
        self.conditional_fields(&mut map);
        Value::Object(map)
    }
}
