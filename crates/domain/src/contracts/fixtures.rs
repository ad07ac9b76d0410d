use core::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{
    AiGateResult, AiVerdict, BookLevel, Bps, CycleId, Decision, DecisionId, EntryKind, EntryPlan,
    ExitPlan, Fallback, IntentKind, Kline, MarketSnapshot, OrderIntent, OrderIntentId, Price,
    Quantity, ReasonCode, Regime, RiskOutcome, RiskVerdict, Score, Side, SignedIntent, SnapshotId,
    Symbol, SysMode, TrailingMode, Validate, sha256_hex,
};

pub const T0: i64 = 1_764_000_000_000;

pub fn price(text: &str) -> Price {
    Price::parse(text).unwrap()
}

pub fn qty(text: &str) -> Quantity {
    Quantity::parse(text).unwrap()
}

pub fn bps(text: &str) -> Bps {
    Bps::parse(text).unwrap()
}

pub fn reason_of<T: Validate>(contract: &T) -> ReasonCode {
    contract.validate().unwrap_err().reason
}

pub fn assert_round_trips<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).unwrap();
    assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value);
    let config = bincode::config::standard();
    let bytes = bincode::serde::encode_to_vec(value, config).unwrap();
    let (back, used): (T, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
    assert_eq!(&back, value);
    assert_eq!(used, bytes.len());
}

fn level(p: &str, q: &str) -> BookLevel {
    BookLevel {
        price: price(p),
        quantity: qty(q),
    }
}

fn kline(open_time_ms: i64, ohlc: [&str; 4]) -> Kline {
    Kline {
        open_time_ms,
        close_time_ms: open_time_ms + 59_999,
        open: price(ohlc[0]),
        high: price(ohlc[1]),
        low: price(ohlc[2]),
        close: price(ohlc[3]),
        volume: qty("12.5"),
    }
}

pub fn snapshot() -> MarketSnapshot {
    MarketSnapshot {
        snapshot_id: SnapshotId::new("snap-1").unwrap(),
        symbol: Symbol::new("BTCUSDT").unwrap(),
        ts_ms: T0,
        best_bid: price("27000.00"),
        best_ask: price("27000.10"),
        last_price: price("27000.05"),
        bids: vec![level("27000.00", "1.5"), level("26999.90", "2")],
        asks: vec![level("27000.10", "1"), level("27000.20", "3")],
        klines: vec![
            kline(T0 - 120_000, ["26990", "27010", "26980", "27000"]),
            kline(T0 - 60_000, ["27000", "27020", "26995", "27005"]),
        ],
        book_update_id: 42,
        ws_age_ms: 120,
        rest_age_ms: 900,
    }
}

pub fn entry_plan() -> EntryPlan {
    EntryPlan {
        kind: EntryKind::MakerFirst { ttl_ms: 3_000 },
        limit_price: price("27000.00"),
        fallback: Fallback::Ioc,
        max_slippage_bps: bps("10"),
    }
}

pub fn exit_plan() -> ExitPlan {
    ExitPlan {
        take_profit: price("27270.00"),
        stop_loss: price("26865.00"),
        atr: price("90"),
        tp_atr_multiple: bps("3"),
        sl_atr_multiple: bps("1.5"),
        trailing_mode: TrailingMode::Virtual,
        trailing_delta_bips: Some(50),
    }
}

pub fn decision() -> Decision {
    Decision {
        decision_id: DecisionId::new("dec-1").unwrap(),
        cycle_id: CycleId::new("cycle-1").unwrap(),
        snapshot_id: SnapshotId::new("snap-1").unwrap(),
        snapshot_hash: snapshot().snapshot_hash().unwrap(),
        symbol: Symbol::new("BTCUSDT").unwrap(),
        side: Side::Buy,
        regime: Regime::Trend,
        score: Score::from_raw(7_200),
        edge_bps: bps("14.5"),
        quantity: qty("0.002"),
        entry: entry_plan(),
        exit: exit_plan(),
        reason_codes: vec![],
        created_ts_ms: T0,
        expires_at_ms: T0 + 10_000,
    }
}

pub fn ai_gate_result() -> AiGateResult {
    AiGateResult {
        decision_id: DecisionId::new("dec-1").unwrap(),
        verdict: AiVerdict::Allow,
        reason_codes: vec![],
        modification: None,
        input_hash: sha256_hex(b"input"),
        snapshot_hash: sha256_hex(b"snapshot"),
        answer_hash: Some(sha256_hex(b"answer")),
        prompt_version: "gate-v1".to_owned(),
        latency_ms: 800,
        ts_ms: T0 + 900,
    }
}

pub fn risk_verdict() -> RiskVerdict {
    RiskVerdict {
        decision_id: DecisionId::new("dec-1").unwrap(),
        outcome: RiskOutcome::Approve,
        reason_codes: vec![],
        approved_quantity: Some(qty("0.002")),
        sys_mode: SysMode::Normal,
        ts_ms: T0 + 1_000,
    }
}

pub fn order_intent() -> OrderIntent {
    OrderIntent {
        order_intent_id: OrderIntentId::new("oi-1").unwrap(),
        decision_id: DecisionId::new("dec-1").unwrap(),
        symbol: Symbol::new("BTCUSDT").unwrap(),
        side: Side::Buy,
        kind: IntentKind::Entry,
        quantity: qty("0.002"),
        limit_price: Some(price("27000.00")),
        entry_plan: Some(entry_plan()),
        exit_plan: Some(exit_plan()),
        reduce_only: false,
        created_ts_ms: T0 + 1_000,
    }
}

pub fn exit_intent() -> OrderIntent {
    OrderIntent {
        side: Side::Sell,
        kind: IntentKind::Exit,
        entry_plan: None,
        exit_plan: None,
        reduce_only: true,
        ..order_intent()
    }
}

pub fn signed_intent() -> SignedIntent {
    SignedIntent {
        intent: order_intent(),
        nonce: "0f1e2d3c4b5a69788796a5b4c3d2e1f0".to_owned(),
        expires_at_ms: T0 + 31_000,
        mac: sha256_hex(b"mac"),
    }
}

pub type Case<T> = (&'static str, fn(&mut T), ReasonCode);

pub fn assert_cases<T: Validate>(make: fn() -> T, cases: &[Case<T>]) {
    for (name, mutate, expected) in cases {
        let mut candidate = make();
        assert_eq!(
            candidate.validate(),
            Ok(()),
            "{name}: fixture must start valid"
        );
        mutate(&mut candidate);
        assert_eq!(reason_of(&candidate), *expected, "{name}");
    }
}
