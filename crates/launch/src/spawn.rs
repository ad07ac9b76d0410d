use std::path::PathBuf;
use std::process::Stdio;

use livespot_domain::ProcessRole;
use livespot_runtime::{ChildReport, LauncherCommand, RunKeys, RunMode, decode_line, encode_line};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::LaunchError;
use crate::platform::detach_from_console_signals;

pub const SECRET_ENV_VARS: [&str; 3] = ["BINANCE_API_KEY", "BINANCE_API_SECRET", "OPENAI_API_KEY"];
pub const TEST_ONLY_ENV_VARS: [&str; 1] = ["LIVESPOT_CRASH_AT"];

pub fn passes_test_only_env(mode: RunMode) -> bool {
    mode != RunMode::Live
}

#[derive(Debug, Clone)]
pub struct SpawnSpec {
    pub bin_dir: PathBuf,
    pub config_path: PathBuf,
    pub var_dir: PathBuf,
}

impl SpawnSpec {
    pub fn binary(&self, name: &str) -> PathBuf {
        self.bin_dir
            .join(format!("livespot-{name}{}", std::env::consts::EXE_SUFFIX))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildEvent {
    Report {
        role: ProcessRole,
        generation: u64,
        report: ChildReport,
    },
    BadLine {
        role: ProcessRole,
        generation: u64,
        reason: &'static str,
    },
    Exited {
        role: ProcessRole,
        generation: u64,
        code: Option<i32>,
    },
}

#[derive(Debug)]
pub struct SpawnedChild {
    pub pid: u32,
    pub generation: u64,
    pub commands: mpsc::UnboundedSender<LauncherCommand>,
    pub kill: CancellationToken,
}

fn allowed_secret_env(role: ProcessRole, name: &str) -> bool {
    match role {
        ProcessRole::Executor => name.starts_with("BINANCE_"),
        ProcessRole::Strategy => name.starts_with("OPENAI_"),
        _ => false,
    }
}

fn child_command(spec: &SpawnSpec, keys: &RunKeys) -> Command {
    let role = keys.role;
    let mut command = Command::new(spec.binary(role.as_str()));
    command
        .arg("--config")
        .arg(&spec.config_path)
        .arg("--var")
        .arg(&spec.var_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    for name in SECRET_ENV_VARS {
        if !allowed_secret_env(role, name) {
            command.env_remove(name);
        }
    }
    if !passes_test_only_env(keys.mode) {
        for name in TEST_ONLY_ENV_VARS {
            command.env_remove(name);
        }
    }
    command
}

pub async fn spawn_child(
    spec: &SpawnSpec,
    keys: &RunKeys,
    generation: u64,
    events: mpsc::UnboundedSender<ChildEvent>,
) -> Result<SpawnedChild, LaunchError> {
    let role = keys.role;
    let mut command = child_command(spec, keys);
    detach_from_console_signals(&mut command);
    let mut child = command.spawn().map_err(|error| LaunchError::Spawn {
        process: role.as_str().to_owned(),
        detail: error.to_string(),
    })?;
    let pid = child.id().unwrap_or_default();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err(LaunchError::Spawn {
            process: role.as_str().to_owned(),
            detail: "stdio pipes missing".to_owned(),
        });
    };
    let line = keys.to_line().map_err(|error| LaunchError::Spawn {
        process: role.as_str().to_owned(),
        detail: error.to_string(),
    })?;
    if let Err(error) = stdin.write_all(line.as_bytes()).await {
        tracing::warn!(process = role.as_str(), reason = "RUN_KEYS_NOT_DELIVERED", %error, "child closed stdin");
    }
    let (command_tx, command_rx) = mpsc::unbounded_channel();
    let kill = CancellationToken::new();
    tokio::spawn(forward_commands(stdin, command_rx));
    tokio::spawn(read_reports(role, generation, stdout, events.clone()));
    tokio::spawn(wait_for_exit(role, generation, child, kill.clone(), events));
    Ok(SpawnedChild {
        pid,
        generation,
        commands: command_tx,
        kill,
    })
}

async fn forward_commands(
    mut stdin: ChildStdin,
    mut commands: mpsc::UnboundedReceiver<LauncherCommand>,
) {
    while let Some(command) = commands.recv().await {
        let Ok(line) = encode_line(&command) else {
            continue;
        };
        if stdin.write_all(line.as_bytes()).await.is_err() || stdin.flush().await.is_err() {
            return;
        }
    }
}

async fn read_reports(
    role: ProcessRole,
    generation: u64,
    stdout: ChildStdout,
    events: mpsc::UnboundedSender<ChildEvent>,
) {
    let mut lines = BufReader::new(stdout).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let event = match decode_line::<ChildReport>(&line) {
            Ok(report) => ChildEvent::Report {
                role,
                generation,
                report,
            },
            Err(error) => ChildEvent::BadLine {
                role,
                generation,
                reason: error.reason_code(),
            },
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

async fn wait_for_exit(
    role: ProcessRole,
    generation: u64,
    mut child: Child,
    kill: CancellationToken,
    events: mpsc::UnboundedSender<ChildEvent>,
) {
    let status = tokio::select! {
        status = child.wait() => status,
        () = kill.cancelled() => {
            if let Err(error) = child.start_kill() {
                tracing::warn!(process = role.as_str(), reason = "KILL_FAILED", %error, "kill failed");
            }
            child.wait().await
        }
    };
    let code = status.ok().and_then(|status| status.code());
    if events
        .send(ChildEvent::Exited {
            role,
            generation,
            code,
        })
        .is_err()
    {
        tracing::debug!(
            process = role.as_str(),
            "supervisor gone before exit was reported"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_only_variables_reach_children_in_sim_but_never_in_live() {
        assert!(passes_test_only_env(RunMode::Sim));
        assert!(!passes_test_only_env(RunMode::Live));
        assert!(TEST_ONLY_ENV_VARS.contains(&"LIVESPOT_CRASH_AT"));
    }
}
