use crate::rest::enums::{OrderSide, OrderType, TimeInForce, WireOrderStatus};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionRates {
    pub maker: Decimal,
    pub taker: Decimal,
    pub buyer: Decimal,
    pub seller: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub asset: String,
    pub free: Decimal,
    pub locked: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub maker_commission: i64,
    pub taker_commission: i64,
    #[serde(default)]
    pub commission_rates: Option<CommissionRates>,
    pub can_trade: bool,
    pub can_withdraw: bool,
    pub can_deposit: bool,
    pub update_time: i64,
    pub account_type: String,
    pub balances: Vec<Balance>,
    #[serde(default)]
    pub permissions: Vec<String>,
}

impl Account {
    pub fn balance(&self, asset: &str) -> Option<&Balance> {
        self.balances.iter().find(|b| b.asset == asset)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fill {
    pub price: Decimal,
    pub qty: Decimal,
    pub commission: Decimal,
    pub commission_asset: String,
    pub trade_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub symbol: String,
    pub order_id: i64,
    pub order_list_id: i64,
    pub client_order_id: String,
    #[serde(default)]
    pub orig_client_order_id: Option<String>,
    #[serde(default)]
    pub transact_time: Option<i64>,
    #[serde(default)]
    pub price: Option<Decimal>,
    #[serde(default)]
    pub orig_qty: Option<Decimal>,
    #[serde(default)]
    pub executed_qty: Option<Decimal>,
    #[serde(default)]
    pub cummulative_quote_qty: Option<Decimal>,
    #[serde(default)]
    pub orig_quote_order_qty: Option<Decimal>,
    #[serde(default)]
    pub status: Option<WireOrderStatus>,
    #[serde(default)]
    pub time_in_force: Option<TimeInForce>,
    #[serde(default, rename = "type")]
    pub order_type: Option<OrderType>,
    #[serde(default)]
    pub side: Option<OrderSide>,
    #[serde(default)]
    pub stop_price: Option<Decimal>,
    #[serde(default)]
    pub iceberg_qty: Option<Decimal>,
    #[serde(default)]
    pub time: Option<i64>,
    #[serde(default)]
    pub update_time: Option<i64>,
    #[serde(default)]
    pub is_working: Option<bool>,
    #[serde(default)]
    pub working_time: Option<i64>,
    #[serde(default)]
    pub self_trade_prevention_mode: Option<String>,
    #[serde(default)]
    pub expiry_reason: Option<String>,
    #[serde(default)]
    pub fills: Vec<Fill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MyTrade {
    pub symbol: String,
    pub id: i64,
    pub order_id: i64,
    pub order_list_id: i64,
    pub price: Decimal,
    pub qty: Decimal,
    pub quote_qty: Decimal,
    pub commission: Decimal,
    pub commission_asset: String,
    pub time: i64,
    pub is_buyer: bool,
    pub is_maker: bool,
    pub is_best_match: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderListMember {
    pub symbol: String,
    pub order_id: i64,
    pub client_order_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderList {
    pub order_list_id: i64,
    pub contingency_type: String,
    pub list_status_type: String,
    pub list_order_status: String,
    pub list_client_order_id: String,
    pub transaction_time: i64,
    pub symbol: String,
    pub orders: Vec<OrderListMember>,
    #[serde(default)]
    pub order_reports: Vec<Order>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelReplaceResponse {
    pub cancel_result: String,
    pub new_order_result: String,
    pub cancel_response: Order,
    pub new_order_response: Option<Order>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakerTaker {
    pub maker: Decimal,
    pub taker: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommissionDiscount {
    pub enabled_for_account: bool,
    pub enabled_for_symbol: bool,
    pub discount_asset: String,
    pub discount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderTestCommission {
    pub standard_commission_for_order: MakerTaker,
    pub special_commission_for_order: MakerTaker,
    pub tax_commission_for_order: MakerTaker,
    pub discount: CommissionDiscount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[expect(
    clippy::struct_excessive_bools,
    reason = "mirrors the fields Binance returns"
)]
pub struct ApiRestrictions {
    pub ip_restrict: bool,
    pub create_time: i64,
    pub enable_withdrawals: bool,
    pub enable_reading: bool,
    #[serde(default)]
    pub enable_spot_and_margin_trading: bool,
    #[serde(default)]
    pub enable_internal_transfer: bool,
    #[serde(default)]
    pub permits_universal_transfer: bool,
    #[serde(default)]
    pub enable_margin: bool,
    #[serde(default)]
    pub enable_futures: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub code: i64,
    pub msg: String,
}
