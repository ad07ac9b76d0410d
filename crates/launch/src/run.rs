use std::path::{Path, PathBuf};
use std::time::Duration;

use livespot_domain::{ProcessRole, ReasonCode, RunId};
use livespot_runtime::{ExitStatus, RunMode, init_logging};

use crate::endpoints::EndpointsFile;
use crate::events::{audit_event, console_stage};
use crate::live_locks::{LiveChecklist, LiveRefusal};
use crate::platform::create_private_dir;
use crate::run_keys::RunSecrets;
use crate::sim::{SimVenue, load_sim_credentials, start_sim};
use crate::spawn::SpawnSpec;
use crate::{LaunchCli, LaunchError, StopCause, Supervisor, SupervisorSettings};

pub fn new_run_id() -> Result<RunId, LaunchError> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis());
    let suffix: u32 = rand::random();
    RunId::new(format!("run-{millis}-{suffix:08x}")).map_err(|violation| LaunchError::RunId {
        detail: violation.to_string(),
    })
}

fn bin_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."))
}

fn prepare_var(var_dir: &Path) -> Result<(), LaunchError> {
    for sub in ["logs", "run", "data"] {
        let path = var_dir.join(sub);
        std::fs::create_dir_all(&path).map_err(|error| LaunchError::RunDir {
            path: path.display().to_string(),
            detail: error.to_string(),
        })?;
    }
    Ok(())
}

pub async fn launch(cli: &LaunchCli, settings: SupervisorSettings) -> ExitStatus {
    let mode = if cli.live {
        RunMode::Live
    } else {
        RunMode::Sim
    };
    if let Err(error) = prepare_var(&cli.common.var_dir) {
        eprintln!("livespot-launch: {error}");
        return ExitStatus::Fatal;
    }
    let _guards = match init_logging(&cli.common.var_dir, "launch", true) {
        Ok(guards) => guards,
        Err(error) => {
            eprintln!("livespot-launch: {error}");
            return ExitStatus::Fatal;
        }
    };
    match launch_logged(cli, settings, mode).await {
        Ok(status) => status,
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "launch failed");
            console_stage("FAILED", &error.to_string());
            ExitStatus::Failure
        }
    }
}

async fn launch_logged(
    cli: &LaunchCli,
    settings: SupervisorSettings,
    mode: RunMode,
) -> Result<ExitStatus, LaunchError> {
    let run_id = new_run_id()?;
    let var_dir = cli.common.var_dir.clone();
    let socket_dir = var_dir.join("run").join(run_id.as_str());
    console_stage("PREPARING", &format!("run {run_id} mode {}", mode.as_str()));
    if mode == RunMode::Live && live_refused(cli, &settings, &socket_dir) {
        return Ok(ExitStatus::Refused);
    }
    create_private_dir(&socket_dir).map_err(|error| LaunchError::RunDir {
        path: socket_dir.display().to_string(),
        detail: error.to_string(),
    })?;
    let spec = SpawnSpec {
        bin_dir: bin_dir(),
        config_path: cli.common.config.clone(),
        var_dir: var_dir.clone(),
    };
    let mut secrets = RunSecrets::generate(
        run_id.clone(),
        mode,
        socket_dir.clone(),
        settings.heartbeat_interval_ms,
    );
    let mut endpoints = EndpointsFile {
        run_id: run_id.to_string(),
        mode: mode.as_str().to_owned(),
        panel_url: None,
        venue: None,
        pids: std::collections::BTreeMap::new(),
    };
    let sim = start_venue(cli, &spec, &mut secrets, &mut endpoints).await?;
    let ai_stub = if sim.is_some() {
        crate::ai_stub::start_ai_stub(&spec).await
    } else {
        None
    };
    let cause = supervise_run(settings, spec, secrets, endpoints, cli.duration).await;
    if let Some(sim) = sim {
        sim.stop().await;
    }
    if let Some(ai_stub) = ai_stub {
        ai_stub.stop().await;
    }
    tracing::info!(?cause, "run ended");
    if let Err(error) = std::fs::remove_dir_all(&socket_dir) {
        tracing::warn!(reason = "SOCKET_DIR_CLEANUP_FAILED", %error, "socket dir left behind");
    }
    Ok(ExitStatus::Success)
}

async fn supervise_run(
    settings: SupervisorSettings,
    spec: SpawnSpec,
    secrets: RunSecrets,
    endpoints: EndpointsFile,
    duration_secs: Option<u64>,
) -> StopCause {
    crate::audit_sink::connect_audit(
        &spec.var_dir,
        &secrets.run_id,
        secrets.ipc_keys_for(ProcessRole::Launch),
        tokio_util::sync::CancellationToken::new(),
    );
    audit_event(
        "RUN_STARTED",
        ProcessRole::Launch,
        &[],
        &format!("run {}", secrets.run_id),
    );
    let mut supervisor = Supervisor::new(settings, spec, secrets, endpoints);
    supervisor.start_all().await;
    let cause = supervisor
        .supervise(duration_secs.map(Duration::from_secs))
        .await;
    supervisor.stop_all(cause).await;
    cause
}

async fn start_venue(
    cli: &LaunchCli,
    spec: &SpawnSpec,
    secrets: &mut RunSecrets,
    endpoints: &mut EndpointsFile,
) -> Result<Option<SimVenue>, LaunchError> {
    if !cli.sim {
        return Ok(None);
    }
    let credentials = load_sim_credentials(cli.sim_credentials.as_deref())?;
    console_stage("SIM_STARTING", "starting livespot-sim");
    let sim = start_sim(spec, &credentials).await?;
    secrets.venue = Some(sim.endpoints.clone());
    secrets.venue_credentials = Some(credentials);
    endpoints.venue = Some(sim.endpoints.clone());
    endpoints.pids.insert("sim".to_owned(), sim.pid);
    endpoints.write(&spec.var_dir)?;
    Ok(Some(sim))
}

fn live_refused(cli: &LaunchCli, settings: &SupervisorSettings, socket_dir: &Path) -> bool {
    let refusals = LiveChecklist {
        live_flag: cli.live,
        require_lock_file: settings.require_live_lock,
        var_dir: cli.common.var_dir.clone(),
        socket_dir: socket_dir.to_path_buf(),
    }
    .refusals();
    let refusals = if refusals.is_empty() {
        crate::live_locks::executor_secrets_check(&bin_dir(), &cli.common.config)
    } else {
        refusals
    };
    let refusals = if refusals.is_empty() {
        crate::doctor_gate::doctor_checklist(&bin_dir(), &cli.common.config, &cli.common.var_dir)
    } else {
        refusals
    };
    if refusals.is_empty() {
        return false;
    }
    report_refusals(&refusals);
    true
}

fn report_refusals(refusals: &[LiveRefusal]) {
    let mut codes: Vec<&str> = refusals
        .iter()
        .map(|refusal| refusal.reason.as_str())
        .collect();
    codes.dedup();
    for refusal in refusals {
        eprintln!(
            "livespot-launch: LIVE refused: {} ({}): {}",
            refusal.reason, refusal.check, refusal.detail
        );
        tracing::error!(reason = refusal.reason.as_str(), check = refusal.check, detail = %refusal.detail, "LIVE refused");
    }
    let reasons: Vec<ReasonCode> = refusals.iter().map(|refusal| refusal.reason).collect();
    audit_event(
        "ALERT_RAISED",
        ProcessRole::Launch,
        &reasons,
        "LIVE refused",
    );
    console_stage("REFUSED", &codes.join(","));
}
