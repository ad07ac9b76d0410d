use std::collections::BTreeMap;
use std::str::FromStr;

use livespot_domain::{
    Bps, CycleId, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback, Notional, Price,
    Quantity, Regime, Score, Side, SnapshotId, Symbol, TrailingMode, sha256_hex,
};
use rust_decimal::Decimal;

use super::inputs::{AccountView, Balance, LossStreak, MarketView, SymbolMarket, SymbolMinimum};
use super::limits::RiskLimits;

pub const NOW: i64 = 1_764_000_000_000;

pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

pub fn q(text: &str) -> Quantity {
    Quantity::parse(text).unwrap()
}

pub fn n(text: &str) -> Notional {
    Notional::parse(text).unwrap()
}

pub fn b(text: &str) -> Bps {
    Bps::parse(text).unwrap()
}

pub fn p(text: &str) -> Price {
    Price::parse(text).unwrap()
}

pub fn btc() -> Symbol {
    Symbol::new("BTCUSDT").unwrap()
}

pub fn limits() -> RiskLimits {
    RiskLimits {
        max_total_exposure_bps: b("5000"),
        max_symbol_exposure_bps: b("2000"),
        order_reserve_bps: b("0"),
        max_order_notional: rust_decimal::Decimal::from(1_000_000),
        daily_loss_limit_bps: b("300"),
        max_drawdown_bps: b("1000"),
        max_trades_per_day: 20,
        cooldown_ms: 300_000,
        max_loss_streak: 3,
        loss_streak_pause_ms: 3_600_000,
        stale_data_ms: 5_000,
        max_spread_bps: b("12"),
        min_volatility_bps: b("5"),
        max_volatility_bps: b("300"),
    }
}

pub fn account() -> AccountView {
    let mut balances = BTreeMap::new();
    balances.insert(
        "USDT".to_owned(),
        Balance {
            free: q("10000"),
            locked: q("0"),
        },
    );
    AccountView {
        quote_asset: "USDT".to_owned(),
        balances,
        positions: vec![],
        open_orders: vec![],
        realized_pnl_today: Decimal::ZERO,
        equity_now: n("10000"),
        day_start_equity: n("10000"),
        day_peak_equity: n("10000"),
        trades_today: 0,
        last_exit_ts_ms: BTreeMap::new(),
        loss_streak: LossStreak::default(),
    }
}

pub fn symbol_market() -> SymbolMarket {
    SymbolMarket {
        last_update_age_ms: 200,
        spread_bps: b("2"),
        realized_volatility_bps: b("40"),
        minimum: SymbolMinimum {
            step_size: q("0.01"),
            min_quantity: q("0.01"),
            min_notional: n("5"),
        },
    }
}

pub fn market() -> MarketView {
    let mut symbols = BTreeMap::new();
    symbols.insert(btc(), symbol_market());
    MarketView { symbols }
}

pub fn decision_for(quantity: &str) -> Decision {
    Decision {
        decision_id: DecisionId::new("dec-1").unwrap(),
        cycle_id: CycleId::new("cycle-1").unwrap(),
        snapshot_id: SnapshotId::new("snap-1").unwrap(),
        snapshot_hash: sha256_hex(b"snapshot"),
        symbol: btc(),
        side: Side::Buy,
        regime: Regime::Trend,
        score: Score::from_raw(7_000),
        edge_bps: b("12"),
        quantity: q(quantity),
        entry: EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 3_000 },
            limit_price: p("100"),
            fallback: Fallback::Ioc,
            max_slippage_bps: b("10"),
        },
        exit: ExitPlan {
            take_profit: p("103"),
            stop_loss: p("98"),
            atr: p("1"),
            tp_atr_multiple: b("3"),
            sl_atr_multiple: b("2"),
            trailing_mode: TrailingMode::Off,
            trailing_delta_bips: None,
        },
        reason_codes: vec![],
        created_ts_ms: NOW - 1_000,
        expires_at_ms: NOW + 10_000,
    }
}
