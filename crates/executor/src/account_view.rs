use std::collections::BTreeMap;

use livespot_domain::{ContractViolation, Notional, Price, Quantity, Symbol};
use livespot_execution::account_state::{AccountState, HeldPosition, WorkingOrder};
use livespot_risk::rules::{AccountView, Balance, LossStreak, OpenOrder, Position};
use rust_decimal::Decimal;

use crate::equity_day::EquityDay;

pub fn equity_now(state: &AccountState, quote_asset: &str) -> Decimal {
    let quote = state
        .balances
        .get(quote_asset)
        .map_or(Decimal::ZERO, |b| b.free + b.locked);
    let held: Decimal = state
        .positions
        .iter()
        .map(|p| p.quantity * mark_of(state, p))
        .sum();
    quote + held
}

fn mark_of(state: &AccountState, position: &HeldPosition) -> Decimal {
    state
        .marks
        .get(&position.symbol)
        .copied()
        .unwrap_or(position.entry_price)
}

fn position(state: &AccountState, held: &HeldPosition) -> Result<Position, ContractViolation> {
    let quantity = Quantity::new(held.quantity)?;
    Ok(Position {
        symbol: Symbol::new(&held.symbol)?,
        base_asset: held.base_asset.clone(),
        entry_price: Price::new(held.entry_price)?,
        quantity,
        notional: Notional::new(held.quantity * mark_of(state, held))?,
    })
}

fn open_order(order: &WorkingOrder) -> Result<OpenOrder, ContractViolation> {
    Ok(OpenOrder {
        symbol: Symbol::new(&order.symbol)?,
        reserved_notional: Notional::new(order.reserved_quote)?,
    })
}

fn balances(state: &AccountState) -> Result<BTreeMap<String, Balance>, ContractViolation> {
    state
        .balances
        .iter()
        .map(|(asset, b)| {
            Ok((
                asset.clone(),
                Balance {
                    free: Quantity::new(b.free)?,
                    locked: Quantity::new(b.locked)?,
                },
            ))
        })
        .collect()
}

fn last_exits(state: &AccountState) -> Result<BTreeMap<Symbol, i64>, ContractViolation> {
    state
        .history
        .last_exit_ts_ms
        .iter()
        .map(|(symbol, ts)| Ok((Symbol::new(symbol)?, *ts)))
        .collect()
}

pub fn account_view(
    state: &AccountState,
    quote_asset: &str,
    day: &mut EquityDay,
) -> Result<AccountView, ContractViolation> {
    let equity = equity_now(state, quote_asset);
    let marks = day.observe(equity, state.ts_ms);
    Ok(AccountView {
        quote_asset: quote_asset.to_owned(),
        balances: balances(state)?,
        positions: state
            .positions
            .iter()
            .map(|held| position(state, held))
            .collect::<Result<_, _>>()?,
        open_orders: state
            .open_orders
            .iter()
            .map(open_order)
            .collect::<Result<_, _>>()?,
        realized_pnl_today: state.realized_pnl_today,
        equity_now: Notional::new(equity)?,
        day_start_equity: Notional::new(marks.day_start)?,
        day_peak_equity: Notional::new(marks.day_peak)?,
        trades_today: state.trades_today,
        last_exit_ts_ms: last_exits(state)?,
        loss_streak: LossStreak {
            count: state.history.loss_streak,
            last_loss_ts_ms: state.history.last_loss_ts_ms,
        },
    })
}

#[cfg(test)]
#[path = "account_view_tests.rs"]
mod tests;
