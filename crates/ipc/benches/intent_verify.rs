use std::time::{Duration, Instant};

use livespot_domain::{
    DecisionId, IntentKind, OrderIntent, OrderIntentId, Price, Quantity, Side, Symbol, SystemClock,
};
use livespot_ipc::{
    FileNonceStore, IntentVerifier, MemoryNonceStore, NonceStore, SecretKey, fresh_intent_nonce,
    sign_intent, system_now_ms,
};

const ROUNDS: usize = 5_000;
const FILE_ROUNDS: usize = 500;
const TTL_MS: i64 = 30_000;

fn exit_intent(now_ms: i64) -> anyhow::Result<OrderIntent> {
    Ok(OrderIntent {
        order_intent_id: OrderIntentId::new("oi-bench")?,
        decision_id: DecisionId::new("dec-bench")?,
        symbol: Symbol::new("BTCUSDT")?,
        side: Side::Sell,
        kind: IntentKind::Exit,
        quantity: Quantity::parse("0.002")?,
        limit_price: Some(Price::parse("27000.10")?),
        entry_plan: None,
        exit_plan: None,
        reduce_only: true,
        created_ts_ms: now_ms,
    })
}

fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    let index = (sorted.len().saturating_sub(1) * per_mille) / 1000;
    sorted.get(index).copied().unwrap_or_default()
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let show = |duration: Duration| {
        let nanos = duration.as_nanos();
        format!("{}.{} us", nanos / 1_000, (nanos % 1_000) / 100)
    };
    println!(
        "{label}: n={} p50 {} p99 {}",
        samples.len(),
        show(percentile(&samples, 500)),
        show(percentile(&samples, 990))
    );
}

fn sign_and_verify<N: NonceStore>(
    key: &SecretKey,
    verifier: &mut IntentVerifier<SystemClock, N>,
    rounds: usize,
) -> anyhow::Result<(Vec<Duration>, Vec<Duration>)> {
    let mut signing = Vec::with_capacity(rounds);
    let mut verifying = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let now_ms = system_now_ms();
        let intent = exit_intent(now_ms - 1)?;
        let started = Instant::now();
        let signed = sign_intent(intent, key, fresh_intent_nonce(), now_ms + TTL_MS)?;
        signing.push(started.elapsed());
        let started = Instant::now();
        verifier.verify(&signed)?;
        verifying.push(started.elapsed());
    }
    Ok((signing, verifying))
}

fn main() -> anyhow::Result<()> {
    let key = SecretKey::generate();
    let mut in_memory = IntentVerifier::new(key.clone(), SystemClock, MemoryNonceStore::new());
    let (signing, verifying) = sign_and_verify(&key, &mut in_memory, ROUNDS)?;
    report("sign_intent", signing);
    report("verify (memory nonce store)", verifying);
    let dir = tempfile::tempdir()?;
    let store = FileNonceStore::open(&dir.path().join("nonces.log"))?;
    let mut durable = IntentVerifier::new(key.clone(), SystemClock, store);
    let (_, verifying) = sign_and_verify(&key, &mut durable, FILE_ROUNDS)?;
    report("verify (file nonce store, fsync per nonce)", verifying);
    Ok(())
}
