#![expect(clippy::unwrap_used, reason = "test fixtures fail loudly")]

use std::collections::BTreeMap;

use livespot_domain::{
    Bps, CycleId, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback, Kline,
    MarketSnapshot, Notional, Price, Quantity, Regime, Score, Side, SnapshotId, Symbol,
    TrailingMode, sha256_hex,
};
use livespot_ipc::system_now_ms;
use livespot_risk::ProposalMarket;
use livespot_risk::rules::{
    AccountView, Balance, LossStreak, Position, Proposal, ReduceProposal, SymbolMinimum,
};
use livespot_risk::{ProposalMessage, ProposalWire};
use rust_decimal::Decimal;

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

pub fn account_holding_btc() -> AccountView {
    let mut balances = BTreeMap::new();
    let usdt = Balance {
        free: q("10000"),
        locked: q("0"),
    };
    balances.insert("USDT".to_owned(), usdt);
    let base = Balance {
        free: q("1"),
        locked: q("0"),
    };
    balances.insert("BTC".to_owned(), base);
    AccountView {
        quote_asset: "USDT".to_owned(),
        balances,
        positions: vec![Position {
            symbol: btc(),
            base_asset: "BTC".to_owned(),
            entry_price: p("100"),
            quantity: q("1"),
            notional: n("100"),
        }],
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

fn decision(id: &str, now_ms: i64) -> Decision {
    Decision {
        decision_id: DecisionId::new(id).unwrap(),
        cycle_id: CycleId::new("cycle-it").unwrap(),
        snapshot_id: SnapshotId::new("snap-it").unwrap(),
        snapshot_hash: sha256_hex(b"snapshot"),
        symbol: btc(),
        side: Side::Buy,
        regime: Regime::Trend,
        score: Score::from_raw(7_000),
        edge_bps: b("12"),
        quantity: q("0.5"),
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
        created_ts_ms: now_ms - 1_000,
        expires_at_ms: now_ms + 60_000,
    }
}

pub fn entry_json(id: &str) -> String {
    let now_ms = system_now_ms();
    let message = ProposalMessage {
        proposal: Proposal::Entry(decision(id, now_ms)),
        market: Some(ProposalMarket {
            symbol: btc(),
            snapshot_ts_ms: now_ms - 100,
            spread_bps: b("2"),
            realized_volatility_bps: b("40"),
            minimum: SymbolMinimum {
                step_size: q("0.01"),
                min_quantity: q("0.01"),
                min_notional: n("5"),
            },
        }),
    };
    serde_json::to_string(&ProposalWire::from_message(&message)).unwrap()
}

pub fn exit_json(id: &str) -> String {
    let message = ProposalMessage {
        proposal: Proposal::Exit(ReduceProposal {
            decision_id: DecisionId::new(id).unwrap(),
            symbol: btc(),
            quantity: q("1"),
            reduce_only: true,
            limit_price: None,
            exit_plan: None,
        }),
        market: None,
    };
    serde_json::to_string(&ProposalWire::from_message(&message)).unwrap()
}

fn kline(open_time_ms: i64, close: &str) -> Kline {
    Kline {
        open_time_ms,
        close_time_ms: open_time_ms + 59_999,
        open: p(close),
        high: p(close),
        low: p(close),
        close: p(close),
        volume: q("1"),
    }
}

pub fn snapshot_json() -> String {
    let now_ms = system_now_ms();
    let klines = (0..40_i64)
        .map(|index| {
            let close = if index % 2 == 0 { "100" } else { "100.2" };
            kline(now_ms - 60_000 * (41 - index), close)
        })
        .collect();
    let snapshot = MarketSnapshot {
        snapshot_id: SnapshotId::new("snap-md").unwrap(),
        symbol: btc(),
        ts_ms: now_ms,
        best_bid: p("99.99"),
        best_ask: p("100.01"),
        last_price: p("100"),
        bids: vec![],
        asks: vec![],
        klines,
        book_update_id: 1,
        ws_age_ms: 0,
        rest_age_ms: 0,
    };
    serde_json::json!({
        "snapshot": snapshot,
        "filters": { "step_size": "0.01", "min_qty": "0.01", "min_notional": "5" },
    })
    .to_string()
}

pub fn entry_without_market_json(id: &str) -> String {
    let message = ProposalMessage {
        proposal: Proposal::Entry(decision(id, system_now_ms())),
        market: None,
    };
    serde_json::to_string(&ProposalWire::from_message(&message)).unwrap()
}
