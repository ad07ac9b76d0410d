use std::path::Path;
use std::time::{Duration, Instant};

use livespot_audit::{
    AuditWriter, CheckpointPolicy, EventRecord, PreparedEvent, audit_db_path, migrate_store,
};
use livespot_domain::ProcessRole;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod baseline;
mod cpu;
mod e2e;
mod events;
mod rounds;

use events::{BenchResult, bench_batch, bench_event, vary};

pub fn events_per_second(events: u64, elapsed: Duration) -> u64 {
    let micros = u64::try_from(elapsed.as_micros())
        .unwrap_or(u64::MAX)
        .max(1);
    events.saturating_mul(1_000_000) / micros
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(
        text.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn print_load(moment: &str) {
    let label = format!("load average {moment}");
    match load_average() {
        Some(load) => println!("{label:<42}: {load}"),
        None => println!("{label:<42}: unavailable on this platform"),
    }
}

fn writer_path(var_dir: &Path, events: u64) -> BenchResult<Duration> {
    migrate_store(&audit_db_path(var_dir))?;
    let mut writer = AuditWriter::open(var_dir, CheckpointPolicy::default())?;
    let template = bench_event(ProcessRole::Strategy, 0)?;
    let mut writing = Duration::ZERO;
    let mut index = 0;
    while index < events {
        let end = events.min(index + bench_batch() as u64);
        let records = (index..end)
            .map(|at| {
                vary(&template, ProcessRole::Strategy, at)
                    .map(|event| EventRecord::from_event(ProcessRole::Strategy, at + 1, &event))
            })
            .collect::<BenchResult<Vec<_>>>()?;
        let started = Instant::now();
        writer.write_owned(records)?;
        writing += started.elapsed();
        index = end;
    }
    Ok(writing)
}

fn prepare_only(events: u64) -> BenchResult<Duration> {
    let template = bench_event(ProcessRole::Strategy, 0)?;
    let records = (0..events)
        .map(|at| {
            vary(&template, ProcessRole::Strategy, at)
                .map(|event| EventRecord::from_event(ProcessRole::Strategy, at + 1, &event))
        })
        .collect::<BenchResult<Vec<_>>>()?;
    let started = Instant::now();
    let prepared: Vec<PreparedEvent> = records.into_iter().map(PreparedEvent::prepare).collect();
    let elapsed = started.elapsed();
    drop(prepared);
    Ok(elapsed)
}

fn line(label: &str, events: u64, elapsed: Duration) -> u64 {
    let rate = events_per_second(events, elapsed);
    println!(
        "{label:<42}: {rate:>9} events/s ({} ms)",
        elapsed.as_millis()
    );
    rate
}

fn run_only(phase: &str, total: u64, per_producer: u64) -> BenchResult<()> {
    let dir = tempfile::tempdir()?;
    match phase {
        "baseline" => line(
            "raw batched insert baseline",
            total,
            baseline::raw_batched_insert(dir.path(), total)?,
        ),
        "prepare" => line(
            "prepare events (canonical bytes, projection fields)",
            total,
            prepare_only(total)?,
        ),
        "writer" => line(
            "writer path (chain, projections, JSONL)",
            total,
            writer_path(dir.path(), total)?,
        ),
        _ => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            let elapsed = runtime.block_on(e2e::end_to_end(dir.path(), per_producer))?;
            line(
                "end to end (IPC in, store and JSONL out)",
                per_producer * e2e::PRODUCERS.len() as u64,
                elapsed,
            )
        }
    };
    if let Some(kib) = peak_memory_kib() {
        println!("{:<42}: {kib} KiB", "peak memory (VmHWM)");
    }
    Ok(())
}

fn main() -> BenchResult<()> {
    let total: u64 = std::env::var("AUDIT_BENCH_EVENTS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(200_000);
    let per_producer = total / e2e::PRODUCERS.len() as u64;
    let e2e_events = per_producer * e2e::PRODUCERS.len() as u64;
    print_load("at start");
    if let Ok(only) = std::env::var("AUDIT_BENCH_ONLY") {
        run_only(&only, total, per_producer)?;
        print_load("at end");
        return Ok(());
    }
    if rounds::rounds() > 1 {
        rounds::run_rounds(rounds::rounds(), total, per_producer)?;
        print_peak_memory();
        print_load("at end");
        return Ok(());
    }
    let baseline_dir = tempfile::tempdir()?;
    let baseline = baseline::raw_batched_insert(baseline_dir.path(), total)?;
    let writer_dir = tempfile::tempdir()?;
    let writer = writer_path(writer_dir.path(), total)?;
    let e2e_dir = tempfile::tempdir()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let e2e = runtime.block_on(e2e::end_to_end(e2e_dir.path(), per_producer))?;
    println!(
        "audit bench: {total} events, batches of {}, {} producers end to end",
        bench_batch(),
        e2e::PRODUCERS.len()
    );
    let baseline_rate = line("raw batched insert baseline", total, baseline);
    line("writer path (chain, projections, JSONL)", total, writer);
    let e2e_rate = line("end to end (IPC in, store and JSONL out)", e2e_events, e2e);
    println!(
        "{:<42}: {}%",
        "end to end / baseline",
        e2e_rate * 100 / baseline_rate.max(1)
    );
    print_peak_memory();
    print_load("at end");
    Ok(())
}

fn print_peak_memory() {
    match peak_memory_kib() {
        Some(kib) => println!("{:<42}: {kib} KiB", "peak memory (VmHWM)"),
        None => println!(
            "{:<42}: unavailable on this platform",
            "peak memory (VmHWM)"
        ),
    }
}
