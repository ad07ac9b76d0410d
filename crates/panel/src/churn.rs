use std::collections::BTreeSet;

use livespot_audit::panel_queries::{ChurnCounts, JsonRow};

use crate::row::{int, text};

pub const CHURN_SHORT_WINDOW_MS: i64 = 10_000;
pub const CHURN_LONG_WINDOW_MS: i64 = 60_000;
pub const NEW_STATUS: &str = "NEW";
pub const CANCEL_STATUSES: [&str; 2] = ["CANCELED", "PENDING_CANCEL"];

fn distinct_orders(orders: &[JsonRow], now_ms: i64, window_ms: i64, cancels: bool) -> i64 {
    let in_window = |row: &&JsonRow| {
        int(row, "ts_ms").is_some_and(|ts| ts > now_ms - window_ms && ts <= now_ms)
    };
    let wanted = |status: &str| {
        if cancels {
            CANCEL_STATUSES.contains(&status)
        } else {
            status == NEW_STATUS
        }
    };
    let ids: BTreeSet<String> = orders
        .iter()
        .filter(in_window)
        .filter(|row| text(row, "status").is_some_and(|status| wanted(&status)))
        .map(|row| {
            text(row, "client_order_id")
                .or_else(|| int(row, "event_id").map(|id| id.to_string()))
                .unwrap_or_default()
        })
        .collect();
    i64::try_from(ids.len()).unwrap_or(i64::MAX)
}

pub fn churn_from_orders(orders: &[JsonRow], now_ms: i64) -> ChurnCounts {
    ChurnCounts {
        orders_10s: distinct_orders(orders, now_ms, CHURN_SHORT_WINDOW_MS, false),
        cancels_10s: distinct_orders(orders, now_ms, CHURN_SHORT_WINDOW_MS, true),
        orders_60s: distinct_orders(orders, now_ms, CHURN_LONG_WINDOW_MS, false),
        cancels_60s: distinct_orders(orders, now_ms, CHURN_LONG_WINDOW_MS, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn order(ts_ms: i64, id: &str, status: &str) -> JsonRow {
        json!({"ts_ms": ts_ms, "client_order_id": id, "status": status})
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn each_order_counts_once_per_window_and_cancels_apart() {
        let now = 100_000;
        let orders = [
            order(now - 1_000, "ls-1", "NEW"),
            order(now - 900, "ls-1", "NEW"),
            order(now - 800, "ls-1", "FILLED"),
            order(now - 2_000, "ls-2", "NEW"),
            order(now - 1_500, "ls-2", "CANCELED"),
            order(now - 30_000, "ls-3", "NEW"),
            order(now - 90_000, "ls-4", "NEW"),
        ];
        let churn = churn_from_orders(&orders, now);
        assert_eq!(churn.orders_10s, 2);
        assert_eq!(churn.cancels_10s, 1);
        assert_eq!(churn.orders_60s, 3);
        assert_eq!(churn.cancels_60s, 1);
    }
}
