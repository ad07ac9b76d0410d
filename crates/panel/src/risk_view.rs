use std::collections::BTreeMap;

use livespot_audit::panel_queries::JsonRow;
use livespot_domain::ReasonCode;
use livespot_risk::rules::limits::{BPS_PER_UNIT, RiskLimits, share_of};
use livespot_risk::rules::{AccountView, Balance, daily_loss, drawdown, loss_streak};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::row::int;

pub const ACCOUNT_VIEW_KEY: &str = "view";
pub const LIMIT_OK: &str = "OK";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymbolExposure {
    pub symbol: String,
    pub held: Decimal,
    pub in_open_orders: Decimal,
    pub limit: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cooldown {
    pub symbol: String,
    pub until_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AntiOvertrading {
    pub trades_today: u32,
    pub max_trades_per_day: u32,
    pub loss_streak: u32,
    pub max_loss_streak: u32,
    pub loss_streak_check: String,
    pub cooling_down: Vec<Cooldown>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LossLimits {
    pub realized_pnl_today: Decimal,
    pub unrealized_pnl: Decimal,
    pub daily_loss_limit: Decimal,
    pub remaining_loss_limit: Decimal,
    pub daily_loss_check: String,
    pub drawdown_bps: Decimal,
    pub max_drawdown_bps: Decimal,
    pub drawdown_check: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountRisk {
    pub ts_ms: i64,
    pub quote_asset: String,
    pub equity_now: Decimal,
    pub day_start_equity: Decimal,
    pub day_peak_equity: Decimal,
    pub balances: BTreeMap<String, Balance>,
    pub total_exposure: Decimal,
    pub total_exposure_limit: Decimal,
    pub reserved_in_open_orders: Decimal,
    pub order_reserve_bps: Decimal,
    pub symbols: Vec<SymbolExposure>,
    pub loss: LossLimits,
    pub anti_overtrading: AntiOvertrading,
}

fn check_text(check: Result<(), ReasonCode>) -> String {
    check.map_or_else(|code| code.as_str().to_owned(), |()| LIMIT_OK.to_owned())
}

fn symbol_exposures(account: &AccountView, limits: &RiskLimits) -> Vec<SymbolExposure> {
    let limit = share_of(account.equity_now.value(), limits.max_symbol_exposure_bps);
    let blank = |symbol: &str| SymbolExposure {
        symbol: symbol.to_owned(),
        held: Decimal::ZERO,
        in_open_orders: Decimal::ZERO,
        limit,
    };
    let mut rows: BTreeMap<&str, SymbolExposure> = BTreeMap::new();
    for held in &account.positions {
        let symbol = held.symbol.as_str();
        rows.entry(symbol).or_insert_with(|| blank(symbol)).held += held.notional.value();
    }
    for order in &account.open_orders {
        let symbol = order.symbol.as_str();
        rows.entry(symbol)
            .or_insert_with(|| blank(symbol))
            .in_open_orders += order.reserved_notional.value();
    }
    rows.into_values().collect()
}

fn loss_limits(account: &AccountView, limits: &RiskLimits) -> LossLimits {
    let unrealized_pnl = account
        .positions
        .iter()
        .map(|held| held.notional.value() - held.entry_price.value() * held.quantity.value())
        .sum();
    let daily_loss_limit = share_of(
        account.day_start_equity.value(),
        limits.daily_loss_limit_bps,
    );
    let lost = (-account.realized_pnl_today).max(Decimal::ZERO);
    let now = account.equity_now.value();
    let peak = account.day_peak_equity.value().max(now);
    let drawdown_bps = if peak > Decimal::ZERO {
        ((peak - now) * BPS_PER_UNIT / peak).round_dp(2)
    } else {
        Decimal::ZERO
    };
    LossLimits {
        realized_pnl_today: account.realized_pnl_today,
        unrealized_pnl,
        daily_loss_limit,
        remaining_loss_limit: (daily_loss_limit - lost).max(Decimal::ZERO),
        daily_loss_check: check_text(daily_loss::check(account, limits)),
        drawdown_bps,
        max_drawdown_bps: limits.max_drawdown_bps.value(),
        drawdown_check: check_text(drawdown::check(account, limits)),
    }
}

fn anti_overtrading(account: &AccountView, limits: &RiskLimits, now_ms: i64) -> AntiOvertrading {
    let cooling_down = account
        .last_exit_ts_ms
        .iter()
        .map(|(symbol, exit_ms)| Cooldown {
            symbol: symbol.as_str().to_owned(),
            until_ms: exit_ms.saturating_add(limits.cooldown_ms),
        })
        .filter(|cooldown| cooldown.until_ms > now_ms)
        .collect();
    AntiOvertrading {
        trades_today: account.trades_today,
        max_trades_per_day: limits.max_trades_per_day,
        loss_streak: account.loss_streak.count,
        max_loss_streak: limits.max_loss_streak,
        loss_streak_check: check_text(loss_streak::check(account, now_ms, limits)),
        cooling_down,
    }
}

pub fn account_view(row: &JsonRow) -> Option<AccountView> {
    let view = row.get("payload")?.get(ACCOUNT_VIEW_KEY)?.clone();
    serde_json::from_value(view).ok()
}

pub fn account_risk(row: &JsonRow, limits: &RiskLimits, now_ms: i64) -> Option<AccountRisk> {
    let account = account_view(row)?;
    Some(AccountRisk {
        ts_ms: int(row, "ts_ms").unwrap_or_default(),
        quote_asset: account.quote_asset.clone(),
        equity_now: account.equity_now.value(),
        day_start_equity: account.day_start_equity.value(),
        day_peak_equity: account.day_peak_equity.value(),
        balances: account.balances.clone(),
        total_exposure: account.total_exposure(),
        total_exposure_limit: share_of(account.equity_now.value(), limits.max_total_exposure_bps),
        reserved_in_open_orders: account
            .open_orders
            .iter()
            .map(|order| order.reserved_notional.value())
            .sum(),
        order_reserve_bps: limits.order_reserve_bps.value(),
        symbols: symbol_exposures(&account, limits),
        loss: loss_limits(&account, limits),
        anti_overtrading: anti_overtrading(&account, limits, now_ms),
    })
}

pub fn verdict_row(row: &JsonRow) -> JsonRow {
    let mut out = row.clone();
    let verdict = row
        .get("payload")
        .and_then(|payload| payload.get("verdict"))
        .and_then(serde_json::Value::as_object)
        .and_then(|verdict| verdict.iter().next());
    if let Some((kind, body)) = verdict {
        out.insert("kind".to_owned(), serde_json::Value::from(kind.as_str()));
        for key in ["outcome", "approved_quantity", "sys_mode"] {
            let value = body.get(key).cloned().unwrap_or_default();
            out.insert(key.to_owned(), value);
        }
    }
    out
}
