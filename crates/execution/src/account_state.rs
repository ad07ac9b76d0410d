use std::collections::BTreeMap;

use livespot_domain::{PositionState, Side};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ledger::FillRecord;
use crate::pnl::intent_pnl;
use crate::trade_history::{ClosedTrade, TradeHistory, trade_history};
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
    pub marks: BTreeMap<String, Decimal>,
    pub history: TradeHistory,
}

#[derive(Debug, Default)]
struct LedgerView {
    positions: Vec<HeldPosition>,
    realized_today: Decimal,
    trades_today: u32,
    history: TradeHistory,
}

const HELD_OR_CLOSED: [PositionState; 5] = [
    PositionState::Flat,
    PositionState::Entering,
    PositionState::OpenUnprotected,
    PositionState::Protected,
    PositionState::Exiting,
];

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

    fn ledger_view(&self, day_start_ms: i64) -> Result<LedgerView, ExecutionError> {
        let mut view = LedgerView::default();
        let mut closed = Vec::new();
        for state in HELD_OR_CLOSED {
            for position in self.ledger.positions_in_state(state)? {
                let rules = self.rules_for(&position.symbol)?;
                let fills = self.local_time_fills(
                    self.intent_fills(&position.order_intent_id, &position.symbol)?,
                );
                let pnl = intent_pnl(&fills, &rules.quote_asset);
                if fills.iter().any(|f| f.is_buyer && f.ts_ms >= day_start_ms) {
                    view.trades_today += 1;
                }
                if fills.iter().any(|f| !f.is_buyer && f.ts_ms >= day_start_ms) {
                    view.realized_today += pnl.realized;
                }
                if state == PositionState::Flat {
                    closed.extend(closed_trade(&position.symbol, &fills, pnl.realized));
                } else if position.base_qty > Decimal::ZERO {
                    view.positions.push(HeldPosition {
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
        view.history = trade_history(closed);
        Ok(view)
    }

    fn local_time_fills(&self, fills: Vec<FillRecord>) -> Vec<FillRecord> {
        let time = self.client.time_sync();
        fills
            .into_iter()
            .map(|fill| FillRecord {
                ts_ms: time.local_ms_at(fill.ts_ms),
                ..fill
            })
            .collect()
    }

    async fn marks(&self, positions: &[HeldPosition]) -> BTreeMap<String, Decimal> {
        let mut marks = BTreeMap::new();
        for position in positions {
            if marks.contains_key(&position.symbol) {
                continue;
            }
            let mark = match self.client.book_ticker(&position.symbol).await {
                Ok(book) if book.bid_price > Decimal::ZERO => book.bid_price,
                _ => position.entry_price,
            };
            marks.insert(position.symbol.clone(), mark);
        }
        marks
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
        let view = self.ledger_view(now - now.rem_euclid(DAY_MS))?;
        let marks = self.marks(&view.positions).await;
        let mut symbols: Vec<&String> = self.rules.keys().collect();
        symbols.sort();
        let mut open_orders = Vec::new();
        for symbol in symbols {
            open_orders.extend(self.working_orders(symbol)?);
        }
        Ok(AccountState {
            ts_ms: now,
            balances,
            positions: view.positions,
            open_orders,
            realized_pnl_today: view.realized_today,
            trades_today: view.trades_today,
            marks,
            history: view.history,
        })
    }
}

fn closed_trade(symbol: &str, fills: &[FillRecord], realized: Decimal) -> Option<ClosedTrade> {
    let exit_ts_ms = fills
        .iter()
        .filter(|f| !f.is_buyer)
        .map(|f| f.ts_ms)
        .max()?;
    Some(ClosedTrade {
        symbol: symbol.to_owned(),
        exit_ts_ms,
        realized,
    })
}
