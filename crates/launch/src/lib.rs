mod ai_stub;
mod audit_sink;
mod cli;
mod doctor_gate;
mod endpoints;
mod error;
mod events;
mod fail_policy;
mod live_locks;
mod mode;
mod operator_pause;
mod platform;
mod restart;
mod run;
mod run_keys;
mod secrets_cmd;
mod settings;
mod sim;
mod slot;
mod spawn;
mod supervise_events;
mod supervise_health;
mod supervise_run;
mod supervise_tick;
mod supervisor;

pub use cli::{LaunchCli, LaunchCommand, SecretKind, SecretsAction};
pub use endpoints::{EndpointsFile, endpoints_path};
pub use error::LaunchError;
pub use fail_policy::{FailPolicy, Severity};
pub use live_locks::{LIVE_LOCK_FILE, LiveChecklist, LiveRefusal};
pub use mode::{CLEAN_CYCLES_TO_CLEAR, ModeAuthority, ModeInput, ModeOutcome};
pub use operator_pause::{
    OPERATOR_PAUSE_FILE, OperatorPause, operator_pause_path, read_operator_pause, request_pause,
    request_resume,
};
pub use restart::{BackoffPolicy, CrashLoopWindow};
pub use run::{launch, new_run_id};
pub use run_keys::{CHILD_ORDER, RunSecrets, STOP_ORDER, peers_allowed_to_connect};
pub use settings::SupervisorSettings;
pub use spawn::{TEST_ONLY_ENV_VARS, passes_test_only_env};
pub use supervise_run::StopCause;
pub use supervisor::Supervisor;

use livespot_runtime::ExitStatus;

pub fn main_entry(cli: &LaunchCli) -> ExitStatus {
    match &cli.command {
        Some(LaunchCommand::Secrets { action }) => return secrets_cmd::run_secrets(action),
        Some(LaunchCommand::Pause { var_dir, reason }) => {
            return operator_pause::run_pause(var_dir, reason.as_deref());
        }
        Some(LaunchCommand::Resume { var_dir }) => return operator_pause::run_resume(var_dir),
        None => {}
    }
    if !cli.sim && !cli.live {
        eprintln!("livespot-launch: LIVE_FLAG_MISSING: give --sim, or --live to trade for real");
        return ExitStatus::Usage;
    }
    let config = match cli.common.load_config("livespot-launch") {
        Ok(config) => config,
        Err(status) => return status,
    };
    let settings = SupervisorSettings::from_config(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("livespot-launch: TOKIO_RUNTIME_FAILED: {error}");
            return ExitStatus::Fatal;
        }
    };
    runtime.block_on(launch(cli, settings))
}
