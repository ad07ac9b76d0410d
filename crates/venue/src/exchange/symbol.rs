use serde_json::Value;

use super::filters::SymbolFilters;
use crate::order_counts::CountLimits;

#[derive(Debug, Clone)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "mirrors the Binance exchangeInfo symbol flags"
)]
pub struct SymbolSpec {
    pub symbol: String,
    pub status: String,
    pub base_asset: String,
    pub quote_asset: String,
    pub order_types: Vec<String>,
    pub iceberg_allowed: bool,
    pub oco_allowed: bool,
    pub quote_order_qty_market_allowed: bool,
    pub allow_trailing_stop: bool,
    pub cancel_replace_allowed: bool,
    pub filters: SymbolFilters,
    pub counts: CountLimits,
    pub raw: Value,
}

fn text(raw: &Value, key: &str) -> String {
    raw.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn flag(raw: &Value, key: &str) -> bool {
    raw.get(key).and_then(Value::as_bool).unwrap_or(false)
}

impl SymbolSpec {
    pub fn from_json(raw: &Value) -> Option<Self> {
        let symbol = text(raw, "symbol");
        if symbol.is_empty() {
            return None;
        }
        let filter_list = raw
            .get("filters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let filters = SymbolFilters::parse(&filter_list);
        let counts = CountLimits::parse(&filter_list, "");
        let order_types = raw
            .get("orderTypes")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Some(Self {
            status: text(raw, "status"),
            base_asset: text(raw, "baseAsset"),
            quote_asset: text(raw, "quoteAsset"),
            order_types,
            iceberg_allowed: flag(raw, "icebergAllowed"),
            oco_allowed: flag(raw, "ocoAllowed"),
            quote_order_qty_market_allowed: flag(raw, "quoteOrderQtyMarketAllowed"),
            allow_trailing_stop: flag(raw, "allowTrailingStop"),
            cancel_replace_allowed: flag(raw, "cancelReplaceAllowed"),
            filters,
            counts,
            raw: raw.clone(),
            symbol,
        })
    }

    pub fn is_trading(&self) -> bool {
        self.status == "TRADING"
    }

    pub fn allows_type(&self, order_type: &str) -> bool {
        self.order_types.iter().any(|t| t == order_type)
    }
}
