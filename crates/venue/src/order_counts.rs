use serde_json::Value;

use crate::api_error::ApiError;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountLimits {
    pub orders: Option<usize>,
    pub algo: Option<usize>,
    pub iceberg: Option<usize>,
    pub lists: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub orders: usize,
    pub algo: usize,
    pub iceberg: usize,
    pub lists: usize,
}

const KINDS: [(&str, &str); 4] = [
    ("MAX_NUM_ORDERS", "maxNumOrders"),
    ("MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders"),
    ("MAX_NUM_ICEBERG_ORDERS", "maxNumIcebergOrders"),
    ("MAX_NUM_ORDER_LISTS", "maxNumOrderLists"),
];

fn limit(filters: &[Value], filter_type: &str, field: &str) -> Option<usize> {
    filters
        .iter()
        .find(|f| f.get("filterType").and_then(Value::as_str) == Some(filter_type))
        .and_then(|f| f.get(field))
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

impl CountLimits {
    pub fn parse(filters: &[Value], prefix: &str) -> Self {
        let [orders, algo, iceberg, lists] =
            KINDS.map(|(kind, field)| limit(filters, &format!("{prefix}{kind}"), field));
        Self {
            orders,
            algo,
            iceberg,
            lists,
        }
    }

    pub fn check(&self, open: Counts, adding: Counts, prefix: &str) -> Result<(), ApiError> {
        let rows = [
            (self.orders, open.orders, adding.orders, KINDS[0].0),
            (self.algo, open.algo, adding.algo, KINDS[1].0),
            (self.iceberg, open.iceberg, adding.iceberg, KINDS[2].0),
            (self.lists, open.lists, adding.lists, KINDS[3].0),
        ];
        for (limit, open, adding, kind) in rows {
            if adding > 0 && limit.is_some_and(|max| open + adding > max) {
                return Err(ApiError::filter(&format!("{prefix}{kind}")));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn symbol_and_exchange_count_filters_name_themselves() {
        let filters = vec![
            json!({"filterType": "EXCHANGE_MAX_NUM_ORDERS", "maxNumOrders": 2}),
            json!({"filterType": "MAX_NUM_ICEBERG_ORDERS", "maxNumIcebergOrders": 1}),
        ];
        let exchange = CountLimits::parse(&filters, "EXCHANGE_");
        let symbol = CountLimits::parse(&filters, "");
        assert_eq!(
            (exchange.orders, symbol.iceberg, symbol.orders),
            (Some(2), Some(1), None)
        );
        let one = Counts {
            orders: 1,
            ..Counts::default()
        };
        assert!(exchange.check(one, one, "EXCHANGE_").is_ok());
        let full = Counts {
            orders: 2,
            ..Counts::default()
        };
        assert_eq!(
            exchange.check(full, one, "EXCHANGE_").unwrap_err().msg,
            "Filter failure: EXCHANGE_MAX_NUM_ORDERS"
        );
        let iceberg = Counts {
            orders: 1,
            iceberg: 1,
            ..Counts::default()
        };
        assert_eq!(
            symbol.check(iceberg, iceberg, "").unwrap_err().msg,
            "Filter failure: MAX_NUM_ICEBERG_ORDERS"
        );
    }
}
