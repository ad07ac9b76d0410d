use livespot_audit::panel_queries::JsonRow;
use serde_json::{Map, Value};

use crate::row::{reason_codes, text};

pub const SIGNAL_FIELDS: [(&str, &[&str]); 11] = [
    ("regime", &["/assessment/regime", "/regime"]),
    (
        "trend_score_x10000",
        &["/assessment/trend_score_x10000", "/score"],
    ),
    (
        "spread_p50_bps",
        &[
            "/assessment/features/micro/spread_p50_bps",
            "/spread_p50_bps",
        ],
    ),
    (
        "spread_p90_bps",
        &[
            "/assessment/features/micro/spread_p90_bps",
            "/spread_p90_bps",
        ],
    ),
    (
        "spread_delta_bps",
        &[
            "/assessment/features/micro/spread_delta_bps",
            "/spread_delta_bps",
        ],
    ),
    (
        "imbalance_x10000",
        &[
            "/assessment/features/micro/imbalance_x10000",
            "/imbalance_x10000",
        ],
    ),
    (
        "microvol_bps",
        &["/assessment/features/micro/microvol_bps", "/microvol_bps"],
    ),
    (
        "volatility_bps",
        &["/assessment/features/volatility_bps", "/volatility_bps"],
    ),
    ("edge", &["/assessment/edge", "/edge"]),
    (
        "min_edge_bps",
        &[
            "/assessment/min_edge_bps",
            "/assessment/edge/min_edge_bps",
            "/min_edge_bps",
        ],
    ),
    ("entry", &["/entry"]),
];

pub const TOPN_STAGES: [&str; 4] = ["UNIVERSE_SCAN", "RANK", "DEEP_SCAN", "WATCHLIST"];

fn first_pointer(payload: &Value, pointers: &[&str]) -> Value {
    pointers
        .iter()
        .find_map(|pointer| payload.pointer(pointer).filter(|value| !value.is_null()))
        .cloned()
        .unwrap_or(Value::Null)
}

pub fn signal_row(row: &JsonRow) -> JsonRow {
    let payload = row.get("payload").cloned().unwrap_or(Value::Null);
    let mut signal = Map::new();
    for key in ["ts_ms", "cycle_id", "decision_id", "symbol"] {
        signal.insert(key.to_owned(), row.get(key).cloned().unwrap_or(Value::Null));
    }
    for (name, pointers) in SIGNAL_FIELDS {
        signal.insert(name.to_owned(), first_pointer(&payload, pointers));
    }
    signal.insert(
        "block_reasons".to_owned(),
        Value::from(reason_codes(row).join(",")),
    );
    signal
}

pub fn stage_detail_row(row: &JsonRow) -> JsonRow {
    let mut detail = Map::new();
    for key in ["ts_ms", "cycle_id", "stage"] {
        detail.insert(key.to_owned(), row.get(key).cloned().unwrap_or(Value::Null));
    }
    let payload = row.get("payload").cloned().unwrap_or(Value::Null);
    let parsed = payload
        .get("detail")
        .and_then(Value::as_str)
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .unwrap_or(payload);
    detail.insert("detail".to_owned(), parsed);
    detail.insert(
        "symbol".to_owned(),
        text(row, "symbol").map_or(Value::Null, Value::from),
    );
    detail
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn signals_are_read_from_the_strategy_assessment() {
        let row = json!({
            "ts_ms": 5,
            "symbol": "BTCUSDT",
            "reason_codes": ["VOLATILITY_OUT_OF_RANGE"],
            "payload": {"assessment": {"regime": "NO_TRADE", "trend_score_x10000": 3821,
                "features": {"micro": {"spread_p50_bps": "0.0212", "imbalance_x10000": -2404}}}}
        });
        let signal = signal_row(row.as_object().unwrap());
        assert_eq!(signal["regime"], "NO_TRADE");
        assert_eq!(signal["trend_score_x10000"], 3821);
        assert_eq!(signal["spread_p50_bps"], "0.0212");
        assert_eq!(signal["imbalance_x10000"], -2404);
        assert_eq!(signal["block_reasons"], "VOLATILITY_OUT_OF_RANGE");
        assert!(signal["edge"].is_null());
    }

    #[test]
    fn the_edge_minimum_is_read_from_the_edge_when_the_assessment_has_none() {
        let row = json!({"payload": {"assessment": {"min_edge_bps": null,
            "edge": {"net_edge_bps": "0.1212", "min_edge_bps": "8", "fees_bps": "20"}}}});
        let signal = signal_row(row.as_object().unwrap());
        assert_eq!(signal["min_edge_bps"], "8");
        assert_eq!(signal["edge"]["net_edge_bps"], "0.1212");
    }

    #[test]
    fn stage_detail_text_is_parsed_as_json() {
        let row =
            json!({"stage": "RANK", "payload": {"detail": "{\"ranked\":[[\"BTCUSDT\",9997]]}"}});
        let detail = stage_detail_row(row.as_object().unwrap());
        assert_eq!(detail["detail"]["ranked"][0][1], 9997);
    }
}
