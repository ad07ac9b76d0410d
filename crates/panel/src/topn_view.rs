use livespot_audit::panel_queries::JsonRow;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

pub const CHURN_GUARD_CODE: &str = "WATCHLIST_CHURN_GUARD";
pub const CORRELATED_CODE: &str = "WATCHLIST_CORRELATED";
pub const ACTION_DROPPED: &str = "DROPPED";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SelectionLimits {
    pub watchlist_top_k: u32,
    pub deep_scan_top_n: u32,
    pub max_pairwise_correlation: Decimal,
    pub churn_margin_x10000: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionSummary {
    pub ts_ms: Option<i64>,
    pub cycle_id: Option<String>,
    pub watchlist: Vec<String>,
    pub changes: usize,
    pub replacements: usize,
    pub churn_guard_applied: usize,
    pub correlation_blocks: usize,
    pub max_pairwise_correlation: Option<String>,
    pub limits: SelectionLimits,
}

fn changes_of(row: &JsonRow) -> Vec<Map<String, Value>> {
    row.get("detail")
        .and_then(|detail| detail.get("changes"))
        .and_then(Value::as_array)
        .map(|changes| {
            changes
                .iter()
                .filter_map(Value::as_object)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

fn field<'a>(change: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    change.get(key).and_then(Value::as_str)
}

pub fn selection_summary(latest: Option<&JsonRow>, limits: SelectionLimits) -> SelectionSummary {
    let changes = latest.map(changes_of).unwrap_or_default();
    let count = |keep: &dyn Fn(&Map<String, Value>) -> bool| {
        changes.iter().filter(|change| keep(change)).count()
    };
    let watchlist = latest
        .and_then(|row| row.get("detail")?.get("watchlist")?.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    SelectionSummary {
        ts_ms: latest.and_then(|row| row.get("ts_ms")?.as_i64()),
        cycle_id: latest.and_then(|row| Some(row.get("cycle_id")?.as_str()?.to_owned())),
        watchlist,
        changes: changes.len(),
        replacements: count(&|change| {
            field(change, "action") == Some(ACTION_DROPPED) && field(change, "against").is_some()
        }),
        churn_guard_applied: count(&|change| field(change, "reason") == Some(CHURN_GUARD_CODE)),
        correlation_blocks: count(&|change| field(change, "reason") == Some(CORRELATED_CODE)),
        max_pairwise_correlation: latest.and_then(|row| {
            let value = row.get("detail")?.get("max_pairwise_correlation")?;
            value.as_str().map(str::to_owned)
        }),
        limits,
    }
}

pub fn watchlist_change_rows(rows: &[JsonRow]) -> Vec<JsonRow> {
    rows.iter()
        .flat_map(|row| {
            changes_of(row).into_iter().map(move |mut change| {
                for key in ["ts_ms", "cycle_id"] {
                    change.insert(key.to_owned(), row.get(key).cloned().unwrap_or_default());
                }
                change
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn limits() -> SelectionLimits {
        SelectionLimits {
            watchlist_top_k: 2,
            deep_scan_top_n: 4,
            max_pairwise_correlation: Decimal::new(85, 2),
            churn_margin_x10000: 1500,
        }
    }

    #[test]
    fn the_latest_watchlist_counts_replacements_churn_guard_and_correlation_blocks() {
        let row = json!({"ts_ms": 7, "cycle_id": "cyc-9", "detail": {"watchlist": ["ETHUSDT", "SOLUSDT"],
            "max_pairwise_correlation": "0.42",
            "changes": [
                {"symbol": "BTCUSDT", "action": "DROPPED", "reason": "WATCHLIST_CORRELATED", "against": "ETHUSDT"},
                {"symbol": "ETHUSDT", "action": "ADDED", "reason": null, "against": null},
                {"symbol": "XRPUSDT", "action": "REJECTED", "reason": "WATCHLIST_CHURN_GUARD", "against": "SOLUSDT"},
                {"symbol": "SOLUSDT", "action": "KEPT", "reason": null, "against": null}]}});
        let row = row.as_object().unwrap().clone();
        let summary = selection_summary(Some(&row), limits());
        assert_eq!(summary.watchlist, ["ETHUSDT", "SOLUSDT"]);
        assert_eq!(summary.changes, 4);
        assert_eq!(summary.replacements, 1);
        assert_eq!(summary.churn_guard_applied, 1);
        assert_eq!(summary.correlation_blocks, 1);
        assert_eq!(summary.cycle_id.as_deref(), Some("cyc-9"));
        assert_eq!(summary.max_pairwise_correlation.as_deref(), Some("0.42"));
        let rows = watchlist_change_rows(&[row]);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2]["symbol"], "XRPUSDT");
        assert_eq!(rows[2]["cycle_id"], "cyc-9");
    }

    #[test]
    fn no_watchlist_yet_gives_an_empty_summary_with_the_limits() {
        let summary = selection_summary(None, limits());
        assert!(summary.watchlist.is_empty());
        assert_eq!(summary.replacements, 0);
        assert_eq!(summary.max_pairwise_correlation, None);
        assert_eq!(summary.limits.churn_margin_x10000, 1500);
    }
}
