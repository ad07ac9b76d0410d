use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use livespot_config::Config;
use livespot_domain::{ProcessRole, SysMode};
use tokio::io::AsyncWriteExt;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::stdin_lines::StdinLines;
use crate::{
    ChildLink, ChildReport, CommonArgs, ExitStatus, LauncherCommand, RunKeys, RuntimeError,
    decode_line, encode_line, init_logging, os_shutdown_signal,
};

#[derive(Debug)]
pub struct ChildContext {
    pub config: Config,
    pub keys: RunKeys,
    pub var_dir: PathBuf,
    pub config_path: PathBuf,
    pub link: ChildLink,
}

pub const STDIN_READER_RELEASE: Duration = Duration::from_millis(200);

pub fn run_child<F, Fut>(role: ProcessRole, common: &CommonArgs, body: F) -> ExitStatus
where
    F: FnOnce(ChildContext) -> Fut,
    Fut: Future<Output = ExitStatus>,
{
    let process = format!("livespot-{}", role.as_str());
    let config = match common.load_config(&process) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("{process}: TOKIO_RUNTIME_FAILED: {error}");
            return ExitStatus::Fatal;
        }
    };
    let status = runtime.block_on(child_main(role, common, config, body));
    runtime.shutdown_timeout(STDIN_READER_RELEASE);
    status
}

async fn child_main<F, Fut>(
    role: ProcessRole,
    common: &CommonArgs,
    config: Config,
    body: F,
) -> ExitStatus
where
    F: FnOnce(ChildContext) -> Fut,
    Fut: Future<Output = ExitStatus>,
{
    let mut lines = StdinLines::spawn();
    let keys = match read_run_keys(&mut lines, role).await {
        Ok(keys) => keys,
        Err(error) => {
            eprintln!("livespot-{}: refusing to start: {error}", role.as_str());
            return ExitStatus::Refused;
        }
    };
    let _guards = match init_logging(&common.var_dir, role.as_str(), false) {
        Ok(guards) => guards,
        Err(error) => {
            eprintln!("livespot-{}: {error}", role.as_str());
            return ExitStatus::Fatal;
        }
    };
    let span = tracing::info_span!("run", run_id = %keys.run_id);
    async move {
        let link = start_link(&keys, lines);
        let context = ChildContext {
            config,
            keys,
            var_dir: common.var_dir.clone(),
            config_path: common.config.clone(),
            link: link.clone(),
        };
        tracing::info!(pid = std::process::id(), "started");
        link.report(ChildReport::Ready {
            pid: std::process::id(),
        });
        let status = body(context).await;
        tracing::info!(exit_code = status.code(), "stopped");
        link.report(ChildReport::Stopping {
            reason: format!("EXIT_{}", status.code()),
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        status
    }
    .instrument(span)
    .await
}

pub async fn read_run_keys(
    lines: &mut StdinLines,
    role: ProcessRole,
) -> Result<RunKeys, RuntimeError> {
    let line = lines
        .next_line()
        .await
        .ok_or(RuntimeError::RunKeysMissing)?;
    RunKeys::from_line(&line, role)
}

fn start_link(keys: &RunKeys, lines: StdinLines) -> ChildLink {
    let (report_tx, report_rx) = mpsc::unbounded_channel();
    let (mode_tx, mode_rx) = watch::channel(SysMode::Pause);
    let shutdown = CancellationToken::new();
    tokio::spawn(write_reports(report_rx).in_current_span());
    tokio::spawn(read_commands(lines, mode_tx, shutdown.clone()).in_current_span());
    tokio::spawn(watch_os_signal(shutdown.clone()).in_current_span());
    let link = ChildLink::new(report_tx, mode_rx, shutdown);
    let interval = Duration::from_millis(keys.heartbeat_interval_ms.max(50));
    tokio::spawn(send_heartbeats(link.clone(), interval).in_current_span());
    link
}

async fn watch_os_signal(shutdown: CancellationToken) {
    tokio::select! {
        () = os_shutdown_signal() => {
            tracing::info!(reason = "OS_SIGNAL", "shutdown requested by the OS");
            shutdown.cancel();
        }
        () = shutdown.cancelled() => {}
    }
}

async fn send_heartbeats(link: ChildLink, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    let mut seq: u64 = 0;
    loop {
        ticker.tick().await;
        seq = seq.wrapping_add(1);
        link.report(ChildReport::Heartbeat { seq });
    }
}

async fn write_reports(mut reports: mpsc::UnboundedReceiver<ChildReport>) {
    let mut stdout = tokio::io::stdout();
    while let Some(report) = reports.recv().await {
        let Ok(line) = encode_line(&report) else {
            tracing::error!(reason = "CONTROL_LINE_ENCODE_FAILED", "report not sent");
            continue;
        };
        if stdout.write_all(line.as_bytes()).await.is_err() || stdout.flush().await.is_err() {
            tracing::warn!(
                reason = "CONTROL_LINK_CLOSED",
                "launcher no longer reads reports"
            );
            return;
        }
    }
}

async fn read_commands(
    mut lines: StdinLines,
    mode: watch::Sender<SysMode>,
    shutdown: CancellationToken,
) {
    while let Some(line) = lines.next_line().await {
        match decode_line::<LauncherCommand>(&line) {
            Ok(LauncherCommand::ModeChanged {
                mode: next,
                reasons,
            }) => {
                let codes: Vec<&str> = reasons.iter().map(|reason| reason.as_str()).collect();
                tracing::info!(mode = next.as_str(), reason_codes = ?codes, "mode changed by the launcher");
                mode.send_replace(next);
            }
            Ok(LauncherCommand::Shutdown { reason }) => {
                tracing::info!(%reason, "shutdown requested by the launcher");
                shutdown.cancel();
            }
            Err(error) => {
                tracing::warn!(reason = error.reason_code(), %error, "control line ignored");
            }
        }
    }
    tracing::warn!(reason = "LAUNCHER_LINK_LOST", "stdin closed: shutting down");
    shutdown.cancel();
}
