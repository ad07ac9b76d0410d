mod account;
mod cancel;
mod count_checks;
mod events;
mod execute;
mod new_order;
mod oco_request;
mod order;
mod order_list;
mod place;
mod plan;
mod resting;
mod resting_faults;
mod tick;
pub mod types;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::sync::broadcast;

pub use account::{Account, Balance, Permissions};
pub use cancel::CancelTarget;
pub use events::UserEvent;
pub use new_order::NewOrder;
pub use oco_request::{LegRequest, OcoRequest};
pub use order::{Fill, Order};
pub use order_list::OrderList;
pub use place::PlaceOutcome;

use crate::api_error::ApiError;
use crate::clock::VenueClock;
use crate::exchange::Exchange;
use crate::faults::Faults;
use crate::market::SymbolMarket;
use crate::market_event::MarketEvent;
use crate::rate_limit::RateState;
use events::{ExecType, ReportContext};

#[derive(Debug, Clone, Default)]
pub struct RequestRecord {
    pub time: i64,
    pub method: String,
    pub path: String,
    pub client_order_id: Option<String>,
    pub status: u16,
    pub code: Option<i64>,
}

#[derive(Debug)]
pub struct Engine {
    pub exchange: Exchange,
    pub markets: BTreeMap<String, SymbolMarket>,
    pub accounts: BTreeMap<String, Account>,
    pub orders: BTreeMap<u64, Order>,
    pub lists: BTreeMap<i64, OrderList>,
    pub fills: Vec<Fill>,
    pub clock: VenueClock,
    pub faults: Faults,
    pub rate: RateState,
    pub requests: Vec<RequestRecord>,
    depth_window: BTreeMap<String, crate::book::DepthDiff>,
    next_order_id: u64,
    next_list_id: i64,
    next_execution_id: u64,
    user_tx: broadcast::Sender<UserEvent>,
    market_tx: broadcast::Sender<MarketEvent>,
}

impl Engine {
    pub fn new(
        exchange: Exchange,
        markets: BTreeMap<String, SymbolMarket>,
        clock: VenueClock,
        user_tx: broadcast::Sender<UserEvent>,
        market_tx: broadcast::Sender<MarketEvent>,
    ) -> Self {
        Self {
            exchange,
            markets,
            accounts: BTreeMap::new(),
            orders: BTreeMap::new(),
            lists: BTreeMap::new(),
            fills: Vec::new(),
            clock,
            faults: Faults::default(),
            rate: RateState::default(),
            requests: Vec::new(),
            depth_window: BTreeMap::new(),
            next_order_id: 1,
            next_list_id: 1,
            next_execution_id: 1,
            user_tx,
            market_tx,
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn rate_now(&self) -> i64 {
        self.clock.wall_ms()
    }

    pub fn add_account(&mut self, mut account: Account) {
        account.uid = u64::try_from(self.accounts.len()).unwrap_or_default() + 1;
        account.create_time = self.now();
        account.update_time = account.create_time;
        self.accounts.insert(account.api_key.clone(), account);
    }

    fn account_mut(&mut self, api_key: &str) -> Result<&mut Account, ApiError> {
        self.accounts.get_mut(api_key).ok_or_else(|| {
            ApiError::new(
                401,
                -2015,
                "Invalid API-key, IP, or permissions for action.",
            )
        })
    }

    fn allocate_order_id(&mut self) -> u64 {
        let id = self.next_order_id;
        self.next_order_id += 1;
        id
    }

    fn allocate_list_id(&mut self) -> i64 {
        let id = self.next_list_id;
        self.next_list_id += 1;
        id
    }

    fn publish_user(&self, api_key: &str, payload: serde_json::Value) {
        let event = UserEvent {
            api_key: Arc::from(api_key),
            payload,
        };
        if self.user_tx.send(event).is_err() {
            tracing::trace!("no user data subscribers");
        }
    }

    fn publish_market(&mut self, event: MarketEvent) {
        if let MarketEvent::Depth { symbol, diff, .. } = &event {
            self.depth_window
                .entry(symbol.clone())
                .or_default()
                .merge(diff);
        }
        if self.market_tx.send(event).is_err() {
            tracing::trace!("no market stream subscribers");
        }
    }

    fn report(
        &mut self,
        order_id: u64,
        exec: ExecType,
        fill: Option<&Fill>,
        cancel_client_id: Option<&str>,
    ) {
        let execution_id = self.next_execution_id;
        self.next_execution_id += 1;
        let now = self.now();
        let Some(order) = self.orders.get(&order_id) else {
            return;
        };
        let ctx = ReportContext {
            exec,
            fill,
            cancel_client_id,
            execution_id,
            now,
        };
        let payload = events::execution_report(order, ctx);
        let account = order.account.clone();
        self.publish_user(&account, payload);
    }

    fn report_position(&mut self, api_key: &str, symbol: &str) {
        let now = self.now();
        let Some(spec) = self.exchange.symbols.get(symbol) else {
            return;
        };
        let assets = [spec.base_asset.clone(), spec.quote_asset.clone()];
        let Some(account) = self.accounts.get_mut(api_key) else {
            return;
        };
        account.update_time = now;
        let listed: Vec<&str> = assets.iter().map(String::as_str).collect();
        let payload = account.position_json(&listed, now);
        self.publish_user(api_key, payload);
    }

    pub fn find_order(
        &self,
        api_key: &str,
        symbol: &str,
        order_id: Option<u64>,
        client_id: Option<&str>,
    ) -> Result<&Order, ApiError> {
        let found = match (order_id, client_id) {
            (Some(id), client) => self
                .orders
                .get(&id)
                .filter(|o| o.account == api_key && o.symbol == symbol)
                .filter(|o| client.is_none_or(|c| c == o.client_order_id)),
            (None, Some(client)) => self.orders.values().rev().find(|o| {
                o.account == api_key && o.symbol == symbol && o.client_order_id == client
            }),
            (None, None) => {
                return Err(ApiError::bad(
                    -1102,
                    "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
                ));
            }
        };
        found.ok_or_else(ApiError::no_such_order)
    }

    pub fn open_orders(&self, api_key: &str, symbol: Option<&str>) -> Vec<&Order> {
        self.orders
            .values()
            .filter(|o| o.account == api_key && o.status.is_open())
            .filter(|o| symbol.is_none_or(|s| s == o.symbol))
            .collect()
    }
}

impl Engine {
    pub fn market_sender(&self) -> broadcast::Sender<MarketEvent> {
        self.market_tx.clone()
    }

    pub fn user_sender(&self) -> broadcast::Sender<UserEvent> {
        self.user_tx.clone()
    }
}
