use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use super::http::{get_json, request};

pub const ORDER_PATH: &str = "/api/v3/order";
pub const OCO_PATH: &str = "/api/v3/orderList/oco";

pub struct AdminView {
    pub admin: String,
}

pub fn decimal(value: &Value) -> Decimal {
    value.as_str().unwrap_or("0").parse().unwrap()
}

impl AdminView {
    pub fn fault(&self, spec: &Value) {
        request(
            &self.admin,
            "POST",
            "/admin/faults",
            Some(&spec.to_string()),
        );
    }

    pub fn clear_faults(&self) {
        request(&self.admin, "DELETE", "/admin/faults", None);
    }

    pub fn state(&self) -> Value {
        get_json(&self.admin, "/admin/state")
    }

    pub fn server_time(&self) -> i64 {
        self.state()["server_time"].as_i64().unwrap()
    }

    pub fn requests(&self) -> Vec<Value> {
        get_json(&self.admin, "/admin/requests")
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn orders(&self) -> Vec<Value> {
        self.state()["orders"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn orders_with(&self, client_order_id: &str) -> Vec<Value> {
        self.orders()
            .into_iter()
            .filter(|order| order["clientOrderId"] == client_order_id)
            .collect()
    }

    pub fn order_lists(&self) -> Vec<Value> {
        self.state()["order_lists"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn fills_of_order(&self, order_id: i64) -> Decimal {
        self.state()["fills"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter(|fill| fill["orderId"].as_i64() == Some(order_id))
            .map(|fill| decimal(&fill["qty"]))
            .sum()
    }
}

pub fn placements(log: &[Value]) -> Vec<&Value> {
    log.iter()
        .filter(|r| r["method"] == "POST" && (r["path"] == ORDER_PATH || r["path"] == OCO_PATH))
        .collect()
}

pub fn posts_per_client_order_id(log: &[Value]) -> BTreeMap<String, usize> {
    let mut per_id = BTreeMap::new();
    for request in placements(log) {
        if let Some(id) = request["client_order_id"].as_str() {
            *per_id.entry(id.to_owned()).or_default() += 1;
        }
    }
    per_id
}

pub fn max_in_any_window(times: &[i64], window_ms: i64) -> usize {
    times
        .iter()
        .map(|start| {
            times
                .iter()
                .filter(|t| **t >= *start && **t < start + window_ms)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_count_finds_the_busiest_ten_seconds() {
        assert_eq!(max_in_any_window(&[0, 1, 9_999, 10_000, 25_000], 10_000), 3);
        assert_eq!(max_in_any_window(&[], 10_000), 0);
    }
}
