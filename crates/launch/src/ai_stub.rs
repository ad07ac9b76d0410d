use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};

use crate::platform::detach_from_console_signals;
use crate::sim::SIM_START_TIMEOUT;
use crate::spawn::{SECRET_ENV_VARS, SpawnSpec};

pub const AI_STUB_SCRIPT: &str = "sim/openai-stub.json";
pub const AI_STUB_URL_FILE: &str = "openai-stub.json";

#[derive(Debug, Deserialize)]
struct UrlLine {
    url: String,
}

#[derive(Debug)]
pub struct AiStub {
    pub url: String,
    child: Child,
    _stdin: ChildStdin,
}

pub fn ai_stub_url_path(var_dir: &Path) -> PathBuf {
    var_dir.join("run").join(AI_STUB_URL_FILE)
}

async fn spawn_stub(spec: &SpawnSpec) -> Result<AiStub, String> {
    let mut command = Command::new(spec.binary("openai-stub"));
    command.args(["--port", "0", "--exit-on-stdin-close"]);
    let script = spec.var_dir.join(AI_STUB_SCRIPT);
    if script.exists() {
        command.arg("--script").arg(script);
    }
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    for name in SECRET_ENV_VARS {
        command.env_remove(name);
    }
    detach_from_console_signals(&mut command);
    let mut child = command.spawn().map_err(|error| error.to_string())?;
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("stdio pipes missing".to_owned());
    };
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(SIM_START_TIMEOUT, lines.next_line())
        .await
        .map_err(|_| "no url line in time".to_owned())?
        .map_err(|error| error.to_string())?
        .ok_or("stub exited before printing its url")?;
    let line: UrlLine = serde_json::from_str(first.trim()).map_err(|error| error.to_string())?;
    Ok(AiStub {
        url: line.url,
        child,
        _stdin: stdin,
    })
}

pub async fn start_ai_stub(spec: &SpawnSpec) -> Option<AiStub> {
    let path = ai_stub_url_path(&spec.var_dir);
    if path.exists()
        && let Err(error) = std::fs::remove_file(&path)
    {
        tracing::warn!(reason = "AI_STUB_START_FAILED", %error, "old stub url file left");
    }
    let started = spawn_stub(spec).await.and_then(|stub| {
        let text = serde_json::json!({ "url": stub.url }).to_string();
        std::fs::write(&path, text).map_err(|error| error.to_string())?;
        Ok(stub)
    });
    match started {
        Ok(stub) => {
            tracing::info!(url = %stub.url, "OpenAI stub started for the sim");
            Some(stub)
        }
        Err(detail) => {
            tracing::warn!(reason = "AI_STUB_START_FAILED", %detail, "OpenAI stub not started");
            None
        }
    }
}

impl AiStub {
    pub async fn stop(mut self) {
        if let Err(error) = self.child.start_kill() {
            tracing::warn!(reason = "AI_STUB_STOP_FAILED", %error, "stub kill failed");
        }
        if let Err(error) = self.child.wait().await {
            tracing::warn!(reason = "AI_STUB_STOP_FAILED", %error, "stub wait failed");
        }
    }
}
