use std::path::Path;
use std::time::{Duration, Instant};

use livespot_audit::{
    AuditClient, AuditLink, AuditWriter, CheckpointPolicy, MemorySpool, QueueConfig, ServerConfig,
    WriterService, audit_db_path, migrate_store, serve,
};
use livespot_domain::{ProcessRole, RunId};
use livespot_ipc::{Endpoint, IpcLimits, Listener, RunSecrets};
use tokio_util::sync::CancellationToken;

use crate::events::{BenchResult, bench_batch, bench_event, vary};

pub const PRODUCERS: [ProcessRole; 4] = [
    ProcessRole::Marketdata,
    ProcessRole::Strategy,
    ProcessRole::Risk,
    ProcessRole::Executor,
];

struct Running {
    endpoint: Endpoint,
    secrets: RunSecrets,
    service: WriterService,
    server: tokio::task::JoinHandle<()>,
    shutdown: CancellationToken,
}

fn start_audit(var_dir: &Path) -> BenchResult<Running> {
    migrate_store(&audit_db_path(var_dir))?;
    let run_id = RunId::new("bench-run")?;
    let secrets = RunSecrets::generate(run_id.clone());
    let endpoint = Endpoint::for_role(var_dir, &run_id, ProcessRole::Audit);
    let keys = secrets.keys_for(ProcessRole::Audit, &PRODUCERS);
    let listener = Listener::bind(
        endpoint.clone(),
        PRODUCERS.to_vec(),
        keys,
        IpcLimits::default(),
    )?;
    let writer = AuditWriter::open(var_dir, CheckpointPolicy::default())?;
    let queue = QueueConfig {
        capacity: 16_384,
        batch_size: bench_batch(),
    };
    let service = WriterService::spawn(writer, queue)?;
    let shutdown = CancellationToken::new();
    let config = ServerConfig {
        batch_size: bench_batch(),
    };
    let server = tokio::spawn(serve(listener, service.handle(), config, shutdown.clone()));
    Ok(Running {
        endpoint,
        secrets,
        service,
        server,
        shutdown,
    })
}

pub const SPOOL_CAPACITY: u64 = 8192;

async fn produce(client: AuditClient, role: ProcessRole, events: u64) -> BenchResult<()> {
    let template = bench_event(role, 0)?;
    for index in 0..events {
        if index >= SPOOL_CAPACITY {
            client.wait_acked(index + 1 - SPOOL_CAPACITY).await?;
        }
        client.record(vary(&template, role, index)?)?;
    }
    client.wait_acked(events).await?;
    Ok(())
}

pub async fn end_to_end(var_dir: &Path, events_per_producer: u64) -> BenchResult<Duration> {
    let running = start_audit(var_dir)?;
    let cpu_before = crate::cpu::cpu_ticks_by_thread_name();
    let started = Instant::now();
    let mut producers = Vec::new();
    for role in PRODUCERS {
        let link = AuditLink {
            endpoint: running.endpoint.clone(),
            keys: running.secrets.keys_for(role, &[]),
            limits: IpcLimits::default(),
        };
        let spool = Box::new(MemorySpool::new(usize::try_from(SPOOL_CAPACITY)?, 1));
        let client = AuditClient::spawn(link, spool, running.shutdown.clone());
        producers.push(tokio::spawn(produce(client, role, events_per_producer)));
    }
    for producer in producers {
        producer.await?.map_err(|error| error.to_string())?;
    }
    let elapsed = started.elapsed();
    crate::cpu::print_cpu_per_event(&cpu_before, events_per_producer * PRODUCERS.len() as u64);
    let stats = running.service.handle().stats();
    println!(
        "{:<42}: {} commits, {} events per commit on average, max lag {} ms",
        "end to end writer",
        stats.batches,
        stats.events_written / stats.batches.max(1),
        stats.max_lag_ms
    );
    running.shutdown.cancel();
    running.server.await?;
    let service = running.service;
    tokio::task::spawn_blocking(move || service.shutdown()).await?;
    Ok(elapsed)
}
