use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::response::Response;
use livespot_audit::AuditError;
use livespot_audit::panel_queries::{JsonRow, PanelQueries, RowFilter};
use serde::Deserialize;
use serde_json::Value;

use crate::PanelState;
use crate::exec_rows::{
    IntentSides, latest_per_intent, normalize_fill, normalize_intent, normalize_order,
    normalize_position,
};
use crate::risk_view::account_view;
use crate::row::text;
use crate::store::{api_response, read_store};

pub const TAB_ROWS: u32 = 50;
pub const MAX_ROWS: u32 = 500;
pub const POSITION_EVENT: &str = "POSITION";
pub const ACCOUNT_STATE_EVENT: &str = "ACCOUNT_STATE";

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrdersQuery {
    pub symbol: Option<String>,
    pub status: Option<String>,
    pub order_intent_id: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowMatch {
    pub symbol: Option<String>,
    pub status: Option<String>,
    pub order_intent_id: Option<String>,
    pub limit: usize,
}

impl From<OrdersQuery> for RowMatch {
    fn from(query: OrdersQuery) -> Self {
        let keep = |value: Option<String>| value.filter(|text| !text.trim().is_empty());
        let limit = query.limit.unwrap_or(TAB_ROWS).clamp(1, MAX_ROWS);
        Self {
            symbol: keep(query.symbol).map(|symbol| symbol.to_ascii_uppercase()),
            status: keep(query.status).map(|status| status.to_ascii_uppercase()),
            order_intent_id: keep(query.order_intent_id),
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
        }
    }
}

impl RowMatch {
    fn keeps(&self, row: &JsonRow, status_key: Option<&str>) -> bool {
        let same = |wanted: &Option<String>, key: &str| {
            wanted
                .as_ref()
                .is_none_or(|wanted| text(row, key).as_ref() == Some(wanted))
        };
        let status_ok = match status_key {
            Some(key) => same(&self.status, key),
            None => true,
        };
        same(&self.symbol, "symbol") && same(&self.order_intent_id, "order_intent_id") && status_ok
    }

    pub fn select(&self, rows: Vec<JsonRow>, status_key: Option<&str>) -> Vec<JsonRow> {
        rows.into_iter()
            .filter(|row| self.keeps(row, status_key))
            .take(self.limit)
            .collect()
    }
}

pub fn wide() -> RowFilter {
    RowFilter {
        limit: MAX_ROWS,
        ..RowFilter::default()
    }
}

pub fn intent_sides(queries: &PanelQueries) -> Result<IntentSides, AuditError> {
    Ok(IntentSides::from_rows(&queries.risk_verdicts(&wide())?))
}

pub fn normalized_intents(
    queries: &PanelQueries,
    sides: &IntentSides,
) -> Result<Vec<JsonRow>, AuditError> {
    Ok(queries
        .intents(&wide())?
        .iter()
        .map(|row| normalize_intent(row, sides))
        .collect())
}

fn holdings(queries: &PanelQueries) -> Result<Vec<JsonRow>, AuditError> {
    let latest = queries.recent_events_of_type(ACCOUNT_STATE_EVENT, 1)?;
    let positions = latest
        .first()
        .and_then(account_view)
        .and_then(|account| serde_json::to_value(account.positions).ok());
    Ok(match positions {
        Some(Value::Array(rows)) => rows
            .into_iter()
            .filter_map(|row| row.as_object().cloned())
            .collect(),
        _ => Vec::new(),
    })
}

pub fn orders_tab(
    queries: &PanelQueries,
    wanted: &RowMatch,
) -> Result<BTreeMap<&'static str, Vec<JsonRow>>, AuditError> {
    let sides = intent_sides(queries)?;
    let normalize = |rows: Vec<JsonRow>, with: fn(&JsonRow, &IntentSides) -> JsonRow| {
        rows.iter().map(|row| with(row, &sides)).collect::<Vec<_>>()
    };
    let positions = latest_per_intent(normalize(
        queries.recent_events_of_type(POSITION_EVENT, MAX_ROWS)?,
        normalize_position,
    ));
    let mut tab = BTreeMap::new();
    let intents = normalized_intents(queries, &sides)?;
    tab.insert("intents", wanted.select(intents, Some("state")));
    let orders = normalize(queries.orders(&wide())?, normalize_order);
    tab.insert("orders", wanted.select(orders, Some("status")));
    let fills = normalize(queries.fills(&wide())?, normalize_fill);
    tab.insert("fills", wanted.select(fills, None));
    tab.insert("positions", wanted.select(positions, Some("state")));
    tab.insert("holdings", wanted.select(holdings(queries)?, None));
    Ok(tab)
}

pub async fn orders(State(state): State<PanelState>, Query(query): Query<OrdersQuery>) -> Response {
    let wanted = RowMatch::from(query);
    let read = read_store(&state, move |queries| orders_tab(queries, &wanted)).await;
    api_response(read)
}
