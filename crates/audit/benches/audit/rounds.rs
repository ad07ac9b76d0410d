use std::time::Duration;

use crate::events::BenchResult;
use crate::{baseline, e2e, events_per_second, load_average};

pub fn rounds() -> usize {
    std::env::var("AUDIT_BENCH_ROUNDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn median(sorted: &[u64]) -> u64 {
    match sorted.len() {
        0 => 0,
        len if len % 2 == 1 => sorted[len / 2],
        len => u64::midpoint(sorted[len / 2 - 1], sorted[len / 2]),
    }
}

fn one_round(
    runtime: &tokio::runtime::Runtime,
    total: u64,
    per_producer: u64,
) -> BenchResult<(Duration, Duration)> {
    let baseline_dir = tempfile::tempdir()?;
    let baseline = baseline::raw_batched_insert(baseline_dir.path(), total)?;
    let e2e_dir = tempfile::tempdir()?;
    let e2e = runtime.block_on(e2e::end_to_end(e2e_dir.path(), per_producer))?;
    Ok((baseline, e2e))
}

pub fn run_rounds(rounds: usize, total: u64, per_producer: u64) -> BenchResult<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let e2e_events = per_producer * e2e::PRODUCERS.len() as u64;
    let mut ratios = Vec::with_capacity(rounds);
    for round in 1..=rounds {
        let load = load_average().unwrap_or_default();
        let (baseline, e2e) = one_round(&runtime, total, per_producer)?;
        let baseline_rate = events_per_second(total, baseline);
        let e2e_rate = events_per_second(e2e_events, e2e);
        let ratio = e2e_rate * 100 / baseline_rate.max(1);
        println!(
            "round {round}: baseline {baseline_rate} events/s, end to end {e2e_rate} events/s, \
             {ratio}% (load average {load})"
        );
        ratios.push(ratio);
    }
    ratios.sort_unstable();
    println!(
        "{:<42}: {}% (each round {:?})",
        format!("end to end / baseline, median of {rounds}"),
        median(&ratios),
        ratios
    );
    Ok(())
}
