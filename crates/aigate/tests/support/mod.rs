#![allow(dead_code, clippy::unwrap_used)]

use std::str::FromStr;
use std::sync::Arc;

use livespot_aigate::stub::{StubReply, StubScript, StubServer};
use livespot_aigate::{AiGate, ApiKey, GateContext, GateOutcome, PromptSet};
use livespot_config::AiGateConfig;
use livespot_domain::{
    Bps, CycleId, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, FixedClock, Price,
    Quantity, Regime, Score, Side, SnapshotId, Symbol, TrailingMode, sha256_hex,
};
use rust_decimal::Decimal;

pub const CANARY: &str = "sk-livespot-canary-7f3a9c1e5b";
pub const T0: i64 = 1_763_942_400_000;
pub const CLIENT_TIMEOUT_MS: u64 = 300;
pub const STUB_SLEEP_MS: u64 = 3_000;

pub fn price(text: &str) -> Price {
    Price::parse(text).unwrap()
}

pub fn qty(text: &str) -> Quantity {
    Quantity::parse(text).unwrap()
}

pub fn decision() -> Decision {
    Decision {
        decision_id: DecisionId::new("dec-gate-1").unwrap(),
        cycle_id: CycleId::new("cycle-1").unwrap(),
        snapshot_id: SnapshotId::new("snap-1").unwrap(),
        snapshot_hash: sha256_hex(b"snapshot-1"),
        symbol: Symbol::new("BTCUSDT").unwrap(),
        side: Side::Buy,
        regime: Regime::Trend,
        score: Score::from_raw(7_200),
        edge_bps: Bps::parse("14.5").unwrap(),
        quantity: qty("0.002"),
        entry: EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 3_000 },
            limit_price: price("27000.00"),
            fallback: livespot_domain::Fallback::Ioc,
            max_slippage_bps: Bps::parse("10").unwrap(),
        },
        exit: ExitPlan {
            take_profit: price("27270.00"),
            stop_loss: price("26865.00"),
            atr: price("90"),
            tp_atr_multiple: Bps::parse("3").unwrap(),
            sl_atr_multiple: Bps::parse("1.5").unwrap(),
            trailing_mode: TrailingMode::Virtual,
            trailing_delta_bips: Some(50),
        },
        reason_codes: vec![],
        created_ts_ms: T0,
        expires_at_ms: T0 + 10_000,
    }
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

pub fn context() -> GateContext {
    GateContext {
        fees_bps: dec("10"),
        slippage_bps: dec("2"),
        half_spread_bps: dec("0.5"),
        spread_bps: dec("1"),
        spread_p50_bps: dec("0.9"),
        spread_p90_bps: dec("1.6"),
        spread_delta_bps: dec("0.1"),
        spread_health: "HEALTHY".to_owned(),
        imbalance_x10000: 1_250,
        microvol_bps: dec("6.5"),
    }
}

pub fn config(ai_dec: u8, base_url: &str) -> AiGateConfig {
    AiGateConfig {
        ai_dec,
        base_url: base_url.to_owned(),
        model: "gpt-4o-mini".to_owned(),
        timeout_ms: CLIENT_TIMEOUT_MS,
        calls_per_minute: 20,
        tokens_per_day: 2_000_000,
        log_raw_prompt: false,
    }
}

pub fn gate_with(config: &AiGateConfig) -> AiGate {
    let clock = Arc::new(FixedClock::new(T0 + 100));
    AiGate::new(
        config,
        ApiKey::new(CANARY),
        PromptSet::builtin().unwrap(),
        clock,
    )
    .unwrap()
}

pub fn gate(ai_dec: u8, base_url: &str) -> AiGate {
    gate_with(&config(ai_dec, base_url))
}

pub async fn stub(replies: Vec<StubReply>) -> StubServer {
    StubServer::start(StubScript::sequence(replies).with_timeout_sleep_ms(STUB_SLEEP_MS))
        .await
        .unwrap()
}

pub async fn evaluate(gate: &AiGate) -> GateOutcome {
    let decision = decision();
    gate.evaluate(&decision, &decision.snapshot_hash, &context())
        .await
}

pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/v1")
}
