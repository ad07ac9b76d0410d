use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use livespot_runtime::{SecretText, VenueCredentials, VenueEndpoints};
use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};

use crate::LaunchError;
use crate::platform::detach_from_console_signals;
use crate::spawn::{SECRET_ENV_VARS, SpawnSpec};

pub const SIM_START_TIMEOUT: Duration = Duration::from_secs(15);
pub const SIM_START_BALANCE_USDT: &str = "10000";

#[derive(Debug, Deserialize)]
struct CredentialsFile {
    api_key: SecretText,
    api_secret: SecretText,
}

pub fn load_sim_credentials(path: Option<&Path>) -> Result<VenueCredentials, LaunchError> {
    let Some(path) = path else {
        return Ok(VenueCredentials {
            api_key: SecretText::random_hex(32),
            api_secret: SecretText::random_hex(32),
        });
    };
    let invalid = |detail: String| LaunchError::SimCredentials {
        path: path.display().to_string(),
        detail,
    };
    let text = std::fs::read_to_string(path).map_err(|error| invalid(error.to_string()))?;
    let file: CredentialsFile =
        toml::from_str(&text).map_err(|error| invalid(error.message().to_owned()))?;
    if file.api_key.is_empty() || file.api_secret.is_empty() {
        return Err(invalid(
            "api_key and api_secret must not be empty".to_owned(),
        ));
    }
    Ok(VenueCredentials {
        api_key: file.api_key,
        api_secret: file.api_secret,
    })
}

#[derive(Debug)]
pub struct SimVenue {
    pub endpoints: VenueEndpoints,
    pub pid: u32,
    child: Child,
    _stdin: ChildStdin,
}

fn accounts_line(credentials: &VenueCredentials) -> String {
    let value = serde_json::json!({
        "api_key": credentials.api_key.expose(),
        "api_secret": credentials.api_secret.expose(),
        "balances": {"USDT": SIM_START_BALANCE_USDT},
    });
    format!("{value}\n")
}

const SIM_ARGS: [&str; 6] = [
    "--port",
    "0",
    "--admin-port",
    "0",
    "--accounts-stdin",
    "--exit-on-stdin-eof",
];

fn sim_command(spec: &SpawnSpec) -> Command {
    let mut command = Command::new(spec.binary("sim"));
    command
        .args(SIM_ARGS)
        .arg("--config")
        .arg(&spec.config_path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    for name in SECRET_ENV_VARS {
        command.env_remove(name);
    }
    detach_from_console_signals(&mut command);
    command
}

pub async fn start_sim(
    spec: &SpawnSpec,
    credentials: &VenueCredentials,
) -> Result<SimVenue, LaunchError> {
    let failed = |detail: String| LaunchError::SimStart { detail };
    let mut child = sim_command(spec)
        .spawn()
        .map_err(|error| failed(error.to_string()))?;
    let pid = child.id().unwrap_or_default();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err(failed("stdio pipes missing".to_owned()));
    };
    stdin
        .write_all(accounts_line(credentials).as_bytes())
        .await
        .map_err(|error| failed(error.to_string()))?;
    stdin
        .flush()
        .await
        .map_err(|error| failed(error.to_string()))?;
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(SIM_START_TIMEOUT, lines.next_line())
        .await
        .map_err(|_| failed("no endpoints line in time".to_owned()))?
        .map_err(|error| failed(error.to_string()))?
        .ok_or_else(|| failed("simulator exited before printing its endpoints".to_owned()))?;
    let endpoints: VenueEndpoints =
        serde_json::from_str(first.trim()).map_err(|error| failed(error.to_string()))?;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(SimVenue {
        endpoints,
        pid,
        child,
        _stdin: stdin,
    })
}

impl SimVenue {
    pub async fn stop(mut self) {
        if let Err(error) = self.child.start_kill() {
            tracing::warn!(reason = "SIM_STOP_FAILED", %error, "simulator kill failed");
        }
        if let Err(error) = self.child.wait().await {
            tracing::warn!(reason = "SIM_STOP_FAILED", %error, "simulator wait failed");
        }
    }
}
