use std::collections::BTreeMap;

use livespot_binance::config::ClientConfig;
use livespot_binance::{ApiKey, ApiSecret, Credentials, RestClient};
use livespot_runtime::{VenueCredentials, VenueEndpoints};
use rust_decimal::Decimal;
use serde_json::Value;

use super::SYMBOL;
use super::http::{get_json, request};

pub struct VenueView {
    pub admin: String,
    pub client: RestClient,
}

pub fn decimal(value: &Value) -> Decimal {
    value.as_str().unwrap_or("0").parse().unwrap()
}

impl VenueView {
    pub fn new(endpoints: &VenueEndpoints, credentials: &VenueCredentials) -> Self {
        let config = ClientConfig::local(&endpoints.rest, &endpoints.ws, &endpoints.ws_api);
        let signer = Credentials::new(
            ApiKey::new(credentials.api_key.expose()),
            ApiSecret::new(credentials.api_secret.expose()),
        );
        Self {
            admin: endpoints.admin.clone(),
            client: RestClient::new(config, Some(signer)).unwrap(),
        }
    }

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

    pub async fn bid_ask(&self) -> (Decimal, Decimal) {
        let book = self.client.book_ticker(SYMBOL).await.unwrap();
        (book.bid_price, book.ask_price)
    }
}

pub fn order_placements(log: &[Value]) -> Vec<&Value> {
    log.iter()
        .filter(|r| {
            r["method"] == "POST"
                && (r["path"] == "/api/v3/order" || r["path"] == "/api/v3/orderList/oco")
        })
        .collect()
}

pub fn posts_per_client_order_id(log: &[Value]) -> BTreeMap<String, usize> {
    let mut per_id = BTreeMap::new();
    for request in order_placements(log) {
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
