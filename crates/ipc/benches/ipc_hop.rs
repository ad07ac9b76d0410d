use std::time::{Duration, Instant};

use anyhow::Context;
use livespot_domain::{CorrelationIds, ProcessRole, RunId};
use livespot_ipc::{Endpoint, IpcLimits, Listener, Payload, RunSecrets, connect};

const WARMUP_ROUND_TRIPS: usize = 1_000;
const MEASURED_ROUND_TRIPS: usize = 20_000;

fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    let index = (sorted.len().saturating_sub(1) * per_mille) / 1000;
    sorted.get(index).copied().unwrap_or_default()
}

fn micros(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    format!("{}.{} us", nanos / 1_000, (nanos % 1_000) / 100)
}

async fn echo_server(mut listener: Listener) -> anyhow::Result<()> {
    let mut connection = listener.accept().await?;
    while let Some(envelope) = connection.read_envelope().await? {
        connection
            .send(envelope.correlation, envelope.payload)
            .await?;
    }
    Ok(())
}

async fn measure(
    round_trips: usize,
    connection: &mut livespot_ipc::Connection,
) -> anyhow::Result<Vec<Duration>> {
    let mut samples = Vec::with_capacity(round_trips);
    for sequence in 0..round_trips {
        let payload = Payload::Heartbeat {
            pid: std::process::id(),
            uptime_ms: u64::try_from(sequence)?,
        };
        let started = Instant::now();
        connection.send(CorrelationIds::default(), payload).await?;
        connection
            .read_envelope()
            .await?
            .context("echo server closed early")?;
        samples.push(started.elapsed());
    }
    Ok(samples)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let var_dir = tempfile::tempdir()?;
    let run_id = RunId::new("bench-ipc")?;
    let secrets = RunSecrets::generate(run_id.clone());
    let endpoint = Endpoint::for_role(var_dir.path(), &run_id, ProcessRole::Executor);
    let listener_keys = secrets.keys_for(ProcessRole::Executor, &[ProcessRole::Risk]);
    let listener = Listener::bind(
        endpoint.clone(),
        vec![ProcessRole::Risk],
        listener_keys,
        IpcLimits::default(),
    )?;
    let server = tokio::spawn(echo_server(listener));
    let handshake_started = Instant::now();
    let mut connection = connect(
        &endpoint,
        &secrets.keys_for(ProcessRole::Risk, &[]),
        IpcLimits::default(),
    )
    .await?;
    let handshake = handshake_started.elapsed();
    measure(WARMUP_ROUND_TRIPS, &mut connection).await?;
    let mut samples = measure(MEASURED_ROUND_TRIPS, &mut connection).await?;
    drop(connection);
    server.await??;
    samples.sort_unstable();
    let p50 = percentile(&samples, 500);
    let p99 = percentile(&samples, 990);
    println!("ipc hop benchmark: {MEASURED_ROUND_TRIPS} heartbeat round trips over {endpoint}");
    println!(
        "handshake (connect + mutual HMAC auth): {}",
        micros(handshake)
    );
    println!(
        "round trip p50 {} p99 {} max {}",
        micros(p50),
        micros(p99),
        micros(percentile(&samples, 1000))
    );
    println!(
        "one-way hop (round trip / 2) p50 {} p99 {}",
        micros(p50 / 2),
        micros(p99 / 2)
    );
    Ok(())
}
