use livespot_domain::{
    ClientOrderId, EntryPlan, ExitPlan, IntentKind, IntentState, OrderStatus, PositionState, Side,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntentPlans {
    pub entry_plan: Option<EntryPlan>,
    pub exit_plan: Option<ExitPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntentRecord {
    pub order_intent_id: String,
    pub decision_id: String,
    pub client_order_id: ClientOrderId,
    pub symbol: String,
    pub side: Side,
    pub kind: IntentKind,
    pub quantity: Decimal,
    pub price: Option<Decimal>,
    pub state: IntentState,
    pub send_attempts: u32,
    pub plans: IntentPlans,
    pub created_ts_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderRecord {
    pub client_order_id: String,
    pub order_intent_id: String,
    pub purpose: String,
    pub symbol: String,
    pub side: Side,
    pub order_type: String,
    pub exchange_order_id: Option<i64>,
    pub order_list_id: Option<i64>,
    pub status: OrderStatus,
    pub orig_qty: Decimal,
    pub price: Option<Decimal>,
    pub executed_qty: Decimal,
    pub cummulative_quote_qty: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderReport {
    pub exchange_order_id: i64,
    pub order_list_id: Option<i64>,
    pub status: OrderStatus,
    pub executed_qty: Decimal,
    pub cummulative_quote_qty: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FillRecord {
    pub symbol: String,
    pub trade_id: i64,
    pub exchange_order_id: i64,
    pub price: Decimal,
    pub qty: Decimal,
    pub commission: Decimal,
    pub commission_asset: String,
    pub is_buyer: bool,
    pub ts_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionRecord {
    pub order_intent_id: String,
    pub symbol: String,
    pub state: PositionState,
    pub base_qty: Decimal,
}
