use std::collections::BTreeMap;

use livespot_domain::{PositionState, Side};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ledger::FillRecord;
use crate::pnl::intent_pnl;
use crate::{ExecutionEngine, ExecutionError};

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AssetBalance {
    pub free: Decimal,
    pub locked: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldPosition {
    pub order_intent_id: String,
    pub symbol: String,
    pub base_asset: String,
    pub state: PositionState,
    pub quantity: Decimal,
    pub entry_price: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingOrder {
    pub symbol: String,
    pub side: Side,
    pub client_order_id: String,
    pub remaining_qty: Decimal,
    pub reserved_quote: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountState {
    pub ts_ms: i64,
    pub balances: BTreeMap<String, AssetBalance>,
    pub positions: Vec<HeldPosition>,
    pub open_orders: Vec<WorkingOrder>,
    pub realized_pnl_today: Decimal,
    pub trades_today: u32,
}

impl ExecutionEngine {
    fn intent_fills(&self, id: &str, symbol: &str) -> Result<Vec<FillRecord>, ExecutionError> {
        let mut fills = Vec::new();
        for order in self.ledger.orders_for_intent(id)? {
            if let Some(exchange_id) = order.exchange_order_id {
                fills.extend(self.ledger.fills_for_order(symbol, exchange_id)?);
            }
        }
        Ok(fills)
    }

    fn working_orders(&self, symbol: &str) -> Result<Vec<WorkingOrder>, ExecutionError> {
        Ok(self
            .ledger
            .open_orders_for_symbol(symbol)?
            .into_iter()
            .filter(|o| o.exchange_order_id.is_some())
            .map(|o| {
                let remaining_qty = o.orig_qty - o.executed_qty;
                let reserved_quote = match (o.side, o.price) {
                    (Side::Buy, Some(price)) => remaining_qty * price,
                    _ => Decimal::ZERO,
                };
                WorkingOrder {
                    symbol: o.symbol,
                    side: o.side,
                    client_order_id: o.client_order_id,
                    remaining_qty,
                    reserved_quote,
                }
            })
            .collect())
    }

    fn ledger_view(
        &self,
        day_start_ms: i64,
    ) -> Result<(Vec<HeldPosition>, Decimal, u32), ExecutionError> {
        let mut positions = Vec::new();
        let (mut realized, mut trades) = (Decimal::ZERO, 0_u32);
        for state in [
            PositionState::Flat,
            PositionState::Entering,
            PositionState::OpenUnprotected,
            PositionState::Protected,
            PositionState::Exiting,
        ] {
            for position in self.ledger.positions_in_state(state)? {
                let rules = self.rules_for(&position.symbol)?;
                let fills = self.intent_fills(&position.order_intent_id, &position.symbol)?;
                let pnl = intent_pnl(&fills, &rules.quote_asset);
                if fills.iter().any(|f| f.is_buyer && f.ts_ms >= day_start_ms) {
                    trades += 1;
                }
                if fills.iter().any(|f| !f.is_buyer && f.ts_ms >= day_start_ms) {
                    realized += pnl.realized;
                }
                if state != PositionState::Flat && position.base_qty > Decimal::ZERO {
                    positions.push(HeldPosition {
                        order_intent_id: position.order_intent_id,
                        symbol: position.symbol,
                        base_asset: rules.base_asset,
                        state,
                        quantity: position.base_qty,
                        entry_price: pnl.average_entry,
                    });
                }
            }
        }
        Ok((positions, realized, trades))
    }

    pub async fn account_state(&self) -> Result<AccountState, ExecutionError> {
        let account = self.client.account().await?;
        let balances = account
            .balances
            .iter()
            .map(|b| {
                (
                    b.asset.clone(),
                    AssetBalance {
                        free: b.free,
                        locked: b.locked,
                    },
                )
            })
            .collect();
        let now = self.now();
        let (positions, realized_pnl_today, trades_today) =
            self.ledger_view(now - now.rem_euclid(DAY_MS))?;
        let mut symbols: Vec<&String> = self.rules.keys().collect();
        symbols.sort();
        let mut open_orders = Vec::new();
        for symbol in symbols {
            open_orders.extend(self.working_orders(symbol)?);
        }
        Ok(AccountState {
            ts_ms: now,
            balances,
            positions,
            open_orders,
            realized_pnl_today,
            trades_today,
        })
    }
}
