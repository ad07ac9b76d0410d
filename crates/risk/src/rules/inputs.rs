use std::collections::BTreeMap;

use livespot_domain::{Bps, Decision, DecisionId, ExitPlan, Notional, Price, Quantity, Symbol};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub free: Quantity,
    pub locked: Quantity,
}

impl Balance {
    pub const EMPTY: Balance = Balance {
        free: Quantity::ZERO,
        locked: Quantity::ZERO,
    };

    pub fn total(self) -> Decimal {
        self.free.value() + self.locked.value()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub symbol: Symbol,
    pub base_asset: String,
    pub entry_price: Price,
    pub quantity: Quantity,
    pub notional: Notional,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenOrder {
    pub symbol: Symbol,
    pub reserved_notional: Notional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LossStreak {
    pub count: u32,
    pub last_loss_ts_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub quote_asset: String,
    pub balances: BTreeMap<String, Balance>,
    pub positions: Vec<Position>,
    pub open_orders: Vec<OpenOrder>,
    #[serde(with = "rust_decimal::serde::str")]
    pub realized_pnl_today: Decimal,
    pub equity_now: Notional,
    pub day_start_equity: Notional,
    pub day_peak_equity: Notional,
    pub trades_today: u32,
    pub last_exit_ts_ms: BTreeMap<Symbol, i64>,
    pub loss_streak: LossStreak,
}

impl AccountView {
    pub fn balance(&self, asset: &str) -> Balance {
        self.balances.get(asset).copied().unwrap_or(Balance::EMPTY)
    }

    pub fn free_quote(&self) -> Decimal {
        self.balance(&self.quote_asset).free.value()
    }

    pub fn position(&self, symbol: &Symbol) -> Option<&Position> {
        self.positions.iter().find(|held| &held.symbol == symbol)
    }

    pub fn symbol_exposure(&self, symbol: &Symbol) -> Decimal {
        let held: Decimal = self
            .positions
            .iter()
            .filter(|held| &held.symbol == symbol)
            .map(|held| held.notional.value())
            .sum();
        let ordered: Decimal = self
            .open_orders
            .iter()
            .filter(|order| &order.symbol == symbol)
            .map(|order| order.reserved_notional.value())
            .sum();
        held + ordered
    }

    pub fn total_exposure(&self) -> Decimal {
        let held: Decimal = self.positions.iter().map(|p| p.notional.value()).sum();
        let ordered: Decimal = self
            .open_orders
            .iter()
            .map(|order| order.reserved_notional.value())
            .sum();
        held + ordered
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymbolMinimum {
    pub step_size: Quantity,
    pub min_quantity: Quantity,
    pub min_notional: Notional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymbolMarket {
    pub last_update_age_ms: u64,
    pub spread_bps: Bps,
    pub realized_volatility_bps: Bps,
    pub minimum: SymbolMinimum,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MarketView {
    pub symbols: BTreeMap<Symbol, SymbolMarket>,
}

impl MarketView {
    pub fn symbol(&self, symbol: &Symbol) -> Option<&SymbolMarket> {
        self.symbols.get(symbol)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReduceProposal {
    pub decision_id: DecisionId,
    pub symbol: Symbol,
    pub quantity: Quantity,
    pub reduce_only: bool,
    pub limit_price: Option<Price>,
    pub exit_plan: Option<ExitPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proposal {
    Entry(Decision),
    Exit(ReduceProposal),
    Protect(ReduceProposal),
}
