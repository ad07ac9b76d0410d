use std::collections::BTreeMap;

use livespot_audit::panel_queries::JsonRow;
use serde_json::Value;

use crate::row::text;

pub const POSITION_VARIANT_STATES: [(&str, &str); 3] = [
    ("Installed", "PROTECTED"),
    ("SafeClosed", "FLAT"),
    ("PauseNeedsManualProtection", "OPEN_UNPROTECTED"),
];
pub const SIDE_BUY: &str = "BUY";
pub const SIDE_SELL: &str = "SELL";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntentSides {
    by_intent: BTreeMap<String, (Option<String>, Option<String>)>,
}

fn payload(row: &JsonRow) -> &Value {
    row.get("payload").unwrap_or(&Value::Null)
}

fn str_at(value: &Value, pointer: &str) -> Option<String> {
    value.pointer(pointer)?.as_str().map(str::to_owned)
}

impl IntentSides {
    pub fn from_rows(rows: &[JsonRow]) -> Self {
        let mut by_intent = BTreeMap::new();
        for row in rows {
            let Some(id) = text(row, "order_intent_id") else {
                continue;
            };
            let symbol = text(row, "symbol").or_else(|| str_at(payload(row), "/intent/symbol"));
            let side = text(row, "side").or_else(|| str_at(payload(row), "/intent/side"));
            if symbol.is_some() || side.is_some() {
                by_intent.entry(id).or_insert((symbol, side));
            }
        }
        Self { by_intent }
    }

    fn fill_in(&self, out: &mut JsonRow) {
        self.fill(out, true);
    }

    fn fill_symbol(&self, out: &mut JsonRow) {
        self.fill(out, false);
    }

    fn fill(&self, out: &mut JsonRow, with_side: bool) {
        let known = text(out, "order_intent_id").and_then(|id| self.by_intent.get(&id).cloned());
        let Some((symbol, side)) = known else {
            return;
        };
        let side = side.filter(|_| with_side);
        for (key, value) in [("symbol", symbol), ("side", side)] {
            if text(out, key).is_none()
                && let Some(value) = value
            {
                out.insert(key.to_owned(), Value::from(value));
            }
        }
    }
}

fn set_if_missing(out: &mut JsonRow, key: &str, value: Option<String>) {
    if text(out, key).is_none()
        && let Some(value) = value
    {
        out.insert(key.to_owned(), Value::from(value));
    }
}

pub fn intent_state(row: &JsonRow) -> Option<String> {
    let body = payload(row);
    text(row, "state")
        .or_else(|| body.as_str().map(str::to_owned))
        .or_else(|| str_at(body, "/state"))
        .or_else(|| str_at(body, "/intent_state"))
}

pub fn normalize_intent(row: &JsonRow, sides: &IntentSides) -> JsonRow {
    let mut out = row.clone();
    set_if_missing(&mut out, "state", intent_state(row));
    sides.fill_in(&mut out);
    out
}

pub fn normalize_order(row: &JsonRow, sides: &IntentSides) -> JsonRow {
    let mut out = row.clone();
    let body = payload(row);
    let (client_order_id, report) = match body.as_array().map(Vec::as_slice) {
        Some([id, report]) => (id.as_str().map(str::to_owned), report.clone()),
        _ => (None, body.clone()),
    };
    set_if_missing(&mut out, "client_order_id", client_order_id);
    set_if_missing(&mut out, "status", str_at(&report, "/status"));
    for key in ["exchange_order_id", "executed_qty", "order_list_id"] {
        if let Some(value) = report.get(key).filter(|value| !value.is_null()) {
            out.entry(key.to_owned()).or_insert_with(|| value.clone());
        }
    }
    sides.fill_symbol(&mut out);
    out
}

pub fn normalize_fill(row: &JsonRow, sides: &IntentSides) -> JsonRow {
    let mut out = row.clone();
    let side = payload(row)
        .get("is_buyer")
        .and_then(Value::as_bool)
        .map(|buyer| if buyer { SIDE_BUY } else { SIDE_SELL }.to_owned());
    set_if_missing(&mut out, "side", side);
    set_if_missing(&mut out, "symbol", str_at(payload(row), "/symbol"));
    sides.fill_symbol(&mut out);
    out
}

pub fn position_state(row: &JsonRow) -> Option<String> {
    let body = payload(row);
    let variant = || {
        let object = body.as_object()?;
        POSITION_VARIANT_STATES
            .iter()
            .find(|(name, _)| object.contains_key(*name))
            .map(|(_, state)| (*state).to_owned())
    };
    text(row, "state")
        .or_else(|| body.as_str().map(str::to_owned))
        .or_else(|| str_at(body, "/position"))
        .or_else(|| str_at(body, "/state"))
        .or_else(variant)
}

pub fn normalize_position(row: &JsonRow, sides: &IntentSides) -> JsonRow {
    let mut out = row.clone();
    set_if_missing(&mut out, "state", position_state(row));
    sides.fill_in(&mut out);
    out
}

pub const UNKNOWN_STATE: &str = "UNKNOWN";

pub fn state_count_rows(intents: &[JsonRow]) -> Vec<JsonRow> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for intent in intents {
        let state = text(intent, "state").unwrap_or_else(|| UNKNOWN_STATE.to_owned());
        *counts.entry(state).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .map(|(state, count)| {
            let mut row = JsonRow::new();
            row.insert("state".to_owned(), Value::from(state));
            row.insert("count".to_owned(), Value::from(count));
            row
        })
        .collect()
}

pub fn latest_per_intent(rows: Vec<JsonRow>) -> Vec<JsonRow> {
    let mut seen = std::collections::BTreeSet::new();
    rows.into_iter()
        .filter(|row| text(row, "order_intent_id").is_none_or(|id| seen.insert(id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(value: &Value) -> JsonRow {
        value.as_object().unwrap().clone()
    }

    fn sides() -> IntentSides {
        let verdict = json!({"order_intent_id": "oi-1", "payload": {"intent": {"symbol": "XRPUSDT", "side": "BUY"}}});
        IntentSides::from_rows(&[row(&verdict)])
    }

    #[test]
    fn executor_payload_shapes_fill_the_columns_the_projection_left_empty() {
        let intent =
            row(&json!({"order_intent_id": "oi-1", "state": null, "payload": "CONFIRMED"}));
        let intent = normalize_intent(&intent, &sides());
        assert_eq!(intent["state"], "CONFIRMED");
        assert_eq!(intent["symbol"], "XRPUSDT");
        let order = row(&json!({"order_intent_id": "oi-1", "status": null,
            "payload": ["ls-7e", {"status": "FILLED", "exchange_order_id": 4, "executed_qty": "161.4", "order_list_id": null}]}));
        let order = normalize_order(&order, &sides());
        assert_eq!(order["client_order_id"], "ls-7e");
        assert_eq!(order["status"], "FILLED");
        assert_eq!(order["symbol"], "XRPUSDT");
        assert!(
            !order.contains_key("side"),
            "a protection leg is not on the intent's side"
        );
        assert!(!order.contains_key("order_list_id"));
        let fill = row(
            &json!({"order_intent_id": "oi-9", "payload": {"is_buyer": false, "symbol": "ETHUSDT"}}),
        );
        let fill = normalize_fill(&fill, &sides());
        assert_eq!(fill["side"], "SELL");
        assert_eq!(fill["symbol"], "ETHUSDT");
    }

    #[test]
    fn position_states_come_from_the_report_or_the_protection_outcome() {
        let entered = row(&json!({"payload": {"position": "OPEN_UNPROTECTED"}}));
        assert_eq!(
            position_state(&entered).as_deref(),
            Some("OPEN_UNPROTECTED")
        );
        let protected = row(&json!({"payload": {"Installed": {"attempts": 1}}}));
        assert_eq!(position_state(&protected).as_deref(), Some("PROTECTED"));
        let flat = row(&json!({"payload": "FLAT"}));
        assert_eq!(position_state(&flat).as_deref(), Some("FLAT"));
        let from_column = row(&json!({"state": "EXITING", "payload": {"Installed": {}}}));
        assert_eq!(position_state(&from_column).as_deref(), Some("EXITING"));
    }

    #[test]
    fn intents_are_counted_by_their_normalized_state() {
        let intents = [
            row(&json!({"state": "CONFIRMED"})),
            row(&json!({"state": "CONFIRMED"})),
            row(&json!({"state": null})),
        ];
        let counts = state_count_rows(&intents);
        assert_eq!(counts.len(), 2);
        assert_eq!(counts[0]["state"], "CONFIRMED");
        assert_eq!(counts[0]["count"], 2);
        assert_eq!(counts[1]["state"], UNKNOWN_STATE);
    }

    #[test]
    fn only_the_newest_row_of_each_intent_is_kept() {
        let rows = vec![
            row(&json!({"order_intent_id": "oi-1", "event_id": 9})),
            row(&json!({"order_intent_id": "oi-1", "event_id": 3})),
            row(&json!({"order_intent_id": "oi-2", "event_id": 2})),
        ];
        let latest = latest_per_intent(rows);
        assert_eq!(latest.len(), 2);
        assert_eq!(latest[0]["event_id"], 9);
    }
}
