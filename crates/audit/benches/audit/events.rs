use std::error::Error;

use livespot_domain::{
    AuditEvent, AuditEventType, CorrelationIds, CycleId, DecisionId, ProcessRole, RunId,
};

pub type BenchResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

pub const DEFAULT_BENCH_BATCH: usize = 2048;

pub fn bench_batch() -> usize {
    std::env::var("AUDIT_BENCH_BATCH")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(DEFAULT_BENCH_BATCH)
        .max(1)
}

pub fn bench_event(role: ProcessRole, index: u64) -> BenchResult<AuditEvent> {
    let correlation = CorrelationIds::for_run(RunId::new("bench-run")?)
        .with_cycle(CycleId::new(format!("cycle-{}", index / 16))?)
        .with_decision(DecisionId::new(format!("dec-{}-{index}", role.as_str()))?);
    let payload =
        serde_json::json!({"symbol": "BTCUSDT", "side": "BUY", "index": index, "score": 7312});
    let event = AuditEvent::new(
        AuditEventType::Decision,
        1_764_000_000_000 + i64::try_from(index)?,
        role,
        correlation,
    )
    .with_payload(&payload)?;
    Ok(event)
}

pub fn vary(template: &AuditEvent, role: ProcessRole, index: u64) -> BenchResult<AuditEvent> {
    let mut event = template.clone();
    event.ts_ms = template.ts_ms + i64::try_from(index)?;
    event.correlation.cycle_id = Some(CycleId::new(format!("cycle-{}", index / 16))?);
    event.correlation.decision_id =
        Some(DecisionId::new(format!("dec-{}-{index}", role.as_str()))?);
    Ok(event)
}
