mod defaults;
pub mod filters;
mod symbol;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

pub use defaults::default_exchange_info;
pub use symbol::SymbolSpec;

use crate::error::VenueError;
use crate::order_counts::CountLimits;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub weight_per_minute: u32,
    pub orders_per_10s: u32,
    pub orders_per_day: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            weight_per_minute: 6000,
            orders_per_10s: 50,
            orders_per_day: 160_000,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Exchange {
    pub symbols: BTreeMap<String, SymbolSpec>,
    pub limits: Limits,
    pub global_filters: Vec<Value>,
    pub counts: CountLimits,
}

impl Exchange {
    pub fn from_json(info: &Value, limits: Limits) -> Result<Self, VenueError> {
        let list = info
            .get("symbols")
            .and_then(Value::as_array)
            .ok_or_else(|| VenueError::ExchangeInfoParse {
                detail: "no symbols array".to_owned(),
            })?;
        let symbols: BTreeMap<String, SymbolSpec> = list
            .iter()
            .filter_map(SymbolSpec::from_json)
            .map(|spec| (spec.symbol.clone(), spec))
            .collect();
        if symbols.is_empty() {
            return Err(VenueError::ExchangeInfoParse {
                detail: "symbols array is empty".to_owned(),
            });
        }
        let global_filters = info
            .get("exchangeFilters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let counts = CountLimits::parse(&global_filters, "EXCHANGE_");
        Ok(Self {
            symbols,
            limits,
            global_filters,
            counts,
        })
    }

    pub fn load(path: Option<&Path>, limits: Limits) -> Result<Self, VenueError> {
        let Some(path) = path else {
            return Self::from_json(&default_exchange_info(), limits);
        };
        let text =
            std::fs::read_to_string(path).map_err(|source| VenueError::ExchangeInfoRead {
                path: path.to_path_buf(),
                source,
            })?;
        let info: Value =
            serde_json::from_str(&text).map_err(|error| VenueError::ExchangeInfoParse {
                detail: error.to_string(),
            })?;
        Self::from_json(&info, limits)
    }

    pub fn rate_limits_json(&self) -> Value {
        json!([
            {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": self.limits.weight_per_minute},
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": self.limits.orders_per_10s},
            {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": self.limits.orders_per_day},
            {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5, "limit": 300_000}
        ])
    }

    pub fn render(&self, server_time: i64, selected: &[&SymbolSpec]) -> Value {
        json!({
            "timezone": "UTC",
            "serverTime": server_time,
            "rateLimits": self.rate_limits_json(),
            "exchangeFilters": self.global_filters,
            "symbols": selected.iter().map(|spec| spec.raw.clone()).collect::<Vec<_>>()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_set_has_the_five_pairs_with_filters() {
        let exchange = Exchange::load(None, Limits::default()).unwrap();
        for name in ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"] {
            let spec = &exchange.symbols[name];
            assert!(spec.filters.price.is_some(), "{name}");
            assert!(spec.filters.lot.is_some(), "{name}");
            assert_eq!(spec.filters.notional.len(), 1, "{name}");
        }
    }
}
