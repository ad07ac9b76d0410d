#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use livespot_aigate::{AiGate, ApiKey, GateContext, PromptSet};
use livespot_config::AiGateConfig;
use livespot_domain::{
    AiVerdict, Bps, CycleId, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback,
    FixedClock, Price, Quantity, ReasonCode, Regime, Score, Side, SnapshotId, Symbol, TrailingMode,
    sha256_hex,
};
use rust_decimal::Decimal;

struct Stub {
    child: Child,
    url: String,
}

impl Drop for Stub {
    fn drop(&mut self) {
        if self.child.kill().is_ok() {
            self.child.wait().unwrap();
        }
    }
}

fn start(args: &[&str]) -> Stub {
    let mut child = Command::new(env!("CARGO_BIN_EXE_livespot-openai-stub"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let ready: serde_json::Value = serde_json::from_str(&line).unwrap();
    let url = ready["url"].as_str().unwrap().to_owned();
    Stub { child, url }
}

fn decision() -> Decision {
    let price = |t: &str| Price::parse(t).unwrap();
    Decision {
        decision_id: DecisionId::new("dec-bin-1").unwrap(),
        cycle_id: CycleId::new("cycle-1").unwrap(),
        snapshot_id: SnapshotId::new("snap-1").unwrap(),
        snapshot_hash: sha256_hex(b"snap"),
        symbol: Symbol::new("ETHUSDT").unwrap(),
        side: Side::Buy,
        regime: Regime::Range,
        score: Score::from_raw(6_000),
        edge_bps: Bps::parse("12").unwrap(),
        quantity: Quantity::parse("0.05").unwrap(),
        entry: EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 2_000 },
            limit_price: price("2000"),
            fallback: Fallback::None,
            max_slippage_bps: Bps::parse("5").unwrap(),
        },
        exit: ExitPlan {
            take_profit: price("2030"),
            stop_loss: price("1985"),
            atr: price("8"),
            tp_atr_multiple: Bps::parse("3").unwrap(),
            sl_atr_multiple: Bps::parse("2").unwrap(),
            trailing_mode: TrailingMode::Off,
            trailing_delta_bips: None,
        },
        reason_codes: vec![],
        created_ts_ms: 1_763_942_400_000,
        expires_at_ms: 1_763_942_410_000,
    }
}

fn context() -> GateContext {
    GateContext {
        fees_bps: Decimal::TEN,
        slippage_bps: Decimal::ONE,
        half_spread_bps: Decimal::ONE,
        spread_bps: Decimal::TWO,
        spread_p50_bps: Decimal::TWO,
        spread_p90_bps: Decimal::TWO,
        spread_delta_bps: Decimal::ZERO,
        spread_health: "HEALTHY".to_owned(),
        imbalance_x10000: 0,
        microvol_bps: Decimal::TEN,
    }
}

async fn ask(url: &str) -> livespot_aigate::GateOutcome {
    let config = AiGateConfig {
        ai_dec: 2,
        base_url: url.to_owned(),
        model: "gpt-4o-mini".to_owned(),
        timeout_ms: 300,
        calls_per_minute: 20,
        tokens_per_day: 100_000,
        log_raw_prompt: false,
    };
    let clock = Arc::new(FixedClock::new(1_763_942_400_100));
    let gate = AiGate::new(
        &config,
        ApiKey::new("sk-bin"),
        PromptSet::builtin().unwrap(),
        clock,
    )
    .unwrap();
    let decision = decision();
    gate.evaluate(&decision, &decision.snapshot_hash, &context())
        .await
}

#[tokio::test]
async fn the_binary_prints_its_url_and_answers_the_gate_with_the_given_verdict() {
    let stub = start(&["--verdict", "modify_conservative"]);
    assert!(stub.url.starts_with("http://127.0.0.1:") && stub.url.ends_with("/v1"));
    let outcome = ask(&stub.url).await;
    assert_eq!(outcome.record.verdict, AiVerdict::Modify);
    let modified = outcome.gated_decision().unwrap();
    assert_eq!(modified.quantity, Quantity::parse("0.025").unwrap());
}

#[tokio::test]
async fn the_binary_plays_a_script_file_in_order() {
    let dir = std::env::temp_dir().join(format!("openai-stub-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("script.json");
    std::fs::write(
        &path,
        r#"{"replies": ["block", "timeout"], "timeout_sleep_ms": 2000}"#,
    )
    .unwrap();
    let stub = start(&["--script", path.to_str().unwrap()]);
    assert_eq!(ask(&stub.url).await.record.verdict, AiVerdict::Block);
    let timed_out = ask(&stub.url).await;
    assert_eq!(timed_out.record.error_code, Some(ReasonCode::AiTimeout));
    assert_eq!(timed_out.condition, Some(ReasonCode::AiTimeout));
    std::fs::remove_dir_all(&dir).unwrap();
}
