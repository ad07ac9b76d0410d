use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use livespot_aigate::stub::{StubReply, StubScript, StubServer};
use livespot_aigate::{AiGate, ApiKey, GateContext, PromptSet, parse_answer};
use livespot_config::AiGateConfig;
use livespot_domain::{
    Bps, CycleId, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback, Price, Quantity,
    Regime, Score, Side, SnapshotId, Symbol, SystemClock, TrailingMode, sha256_hex,
};
use rust_decimal::Decimal;

const ROUNDS: usize = 300;
const PARSE_ROUNDS: usize = 20_000;

fn decision() -> anyhow::Result<Decision> {
    Ok(Decision {
        decision_id: DecisionId::new("dec-bench")?,
        cycle_id: CycleId::new("cycle-bench")?,
        snapshot_id: SnapshotId::new("snap-bench")?,
        snapshot_hash: sha256_hex(b"bench"),
        symbol: Symbol::new("BTCUSDT")?,
        side: Side::Buy,
        regime: Regime::Trend,
        score: Score::from_raw(7_000),
        edge_bps: Bps::parse("14")?,
        quantity: Quantity::parse("0.002")?,
        entry: EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 3_000 },
            limit_price: Price::parse("27000")?,
            fallback: Fallback::Ioc,
            max_slippage_bps: Bps::parse("10")?,
        },
        exit: ExitPlan {
            take_profit: Price::parse("27270")?,
            stop_loss: Price::parse("26865")?,
            atr: Price::parse("90")?,
            tp_atr_multiple: Bps::parse("3")?,
            sl_atr_multiple: Bps::parse("1.5")?,
            trailing_mode: TrailingMode::Virtual,
            trailing_delta_bips: Some(50),
        },
        reason_codes: vec![],
        created_ts_ms: 1_763_942_400_000,
        expires_at_ms: 1_763_942_410_000,
    })
}

fn context() -> anyhow::Result<GateContext> {
    Ok(GateContext {
        fees_bps: Decimal::from_str("10")?,
        slippage_bps: Decimal::from_str("2")?,
        half_spread_bps: Decimal::from_str("0.5")?,
        spread_bps: Decimal::from_str("1")?,
        spread_p50_bps: Decimal::from_str("0.9")?,
        spread_p90_bps: Decimal::from_str("1.6")?,
        spread_delta_bps: Decimal::from_str("0.1")?,
        spread_health: "HEALTHY".to_owned(),
        imbalance_x10000: 1_000,
        microvol_bps: Decimal::from_str("6")?,
    })
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let at = |per_mille: usize| {
        let index = (samples.len().saturating_sub(1) * per_mille) / 1000;
        samples.get(index).copied().unwrap_or_default().as_micros()
    };
    println!(
        "{label}: n={} p50={} us p99={} us max={} us",
        samples.len(),
        at(500),
        at(990),
        at(1000)
    );
}

async fn round_trips(reply: StubReply, label: &str) -> anyhow::Result<()> {
    let server = StubServer::start(StubScript::always(reply)).await?;
    let config = AiGateConfig {
        ai_dec: 2,
        base_url: server.base_url(),
        model: "bench".to_owned(),
        timeout_ms: 2_000,
        calls_per_minute: 600,
        tokens_per_day: 100_000_000,
        log_raw_prompt: false,
    };
    let gate = AiGate::new(
        &config,
        ApiKey::new("sk-bench"),
        PromptSet::builtin()?,
        Arc::new(SystemClock),
    )?;
    let decision = decision()?;
    let context = context()?;
    let mut samples = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let outcome = gate
            .evaluate(&decision, &decision.snapshot_hash, &context)
            .await;
        samples.push(started.elapsed());
        anyhow::ensure!(outcome.record.error_code.is_none(), "{:?}", outcome.record);
    }
    report(label, samples);
    Ok(())
}

fn local_validation() -> anyhow::Result<()> {
    let prompt = PromptSet::builtin()?;
    let content = r#"{"verdict":"MODIFY","reason_codes":["SPREAD_TOO_WIDE"],"modify":{"quantity":"0.001","stop_loss":"26900","take_profit":null,"trailing_delta_bips":40,"entry_kind":null,"ttl_ms":1000,"fallback":"NONE"}}"#;
    let decision = decision()?;
    let mut samples = Vec::with_capacity(PARSE_ROUNDS);
    for _ in 0..PARSE_ROUNDS {
        let started = Instant::now();
        let answer = parse_answer(content, prompt.allowed_reasons())?;
        let fields = answer.modify.ok_or_else(|| anyhow::anyhow!("no modify"))?;
        let modification = livespot_aigate::to_modification(&fields, &decision)?;
        let modified = modification.apply_to(&decision)?;
        samples.push(started.elapsed());
        anyhow::ensure!(modified.quantity < decision.quantity);
    }
    report("answer parse + schema + conservative MODIFY check", samples);
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    local_validation()?;
    round_trips(StubReply::Allow, "gate evaluate ALLOW over loopback HTTP").await?;
    round_trips(
        StubReply::ModifyConservative,
        "gate evaluate MODIFY over loopback HTTP",
    )
    .await
}
