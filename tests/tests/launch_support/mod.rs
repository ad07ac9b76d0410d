#![allow(
    dead_code,
    reason = "each launch_* test binary uses a different part of this support module"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use livespot_e2e::{binary_path, workspace_root};

pub const POLL: Duration = Duration::from_millis(100);

pub struct TestVar {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
}

impl TestVar {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let shipped =
            std::fs::read_to_string(workspace_root().join("policies").join("livespot.toml"))
                .unwrap();
        let text = shipped
            .lines()
            .map(|line| test_config_line(line).unwrap_or(line).to_owned())
            .collect::<Vec<_>>()
            .join("\n");
        let config = dir.path().join("livespot.toml");
        std::fs::write(&config, text).unwrap();
        Self { dir, config }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn launch(&self, extra: &[&str]) -> Child {
        let stdout = std::fs::File::create(self.path().join("launch.stdout")).unwrap();
        let stderr = std::fs::File::create(self.path().join("launch.stderr")).unwrap();
        Command::new(binary_path("livespot-launch"))
            .arg("--var")
            .arg(self.path())
            .arg("--config")
            .arg(&self.config)
            .args(extra)
            .env_remove("BINANCE_API_KEY")
            .env_remove("BINANCE_API_SECRET")
            .env_remove("OPENAI_API_KEY")
            .current_dir(self.path())
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .unwrap()
    }

    pub fn console(&self) -> String {
        let out = std::fs::read_to_string(self.path().join("launch.stdout")).unwrap_or_default();
        let err = std::fs::read_to_string(self.path().join("launch.stderr")).unwrap_or_default();
        format!("{out}{err}")
    }

    pub fn audit_trail(&self) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(self.path().join("logs"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with("audit-")
                && std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("jsonl"))
            {
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        text
    }

    pub fn endpoints(&self) -> Option<serde_json::Value> {
        let text = std::fs::read_to_string(self.path().join("run").join("endpoints.json")).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn pid_of(&self, process: &str) -> Option<u32> {
        let pid = self.endpoints()?.get("pids")?.get(process)?.as_u64()?;
        u32::try_from(pid).ok()
    }

    pub fn log_text(&self, process: &str) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(self.path().join("logs"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with(&format!("{process}."))
                && !name.starts_with(&format!("{process}.error"))
            {
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        text
    }

    pub fn wait_for_panel(&self, timeout: Duration) -> String {
        wait_until(timeout, || {
            let url = self.endpoints()?.get("panel_url")?.as_str()?.to_owned();
            let pids = self.endpoints()?.get("pids")?.as_object()?.len();
            (pids >= 6).then_some(url)
        })
        .unwrap_or_else(|| panic!("panel never came up: {}", self.console()))
    }
}

fn test_config_line(line: &str) -> Option<&'static str> {
    let key = line.split('=').next()?.trim();
    Some(match key {
        "port" => "port = 0",
        "heartbeat_interval_ms" => "heartbeat_interval_ms = 200",
        "silent_timeout_ms" => "silent_timeout_ms = 3000",
        "restart_backoff_base_ms" => "restart_backoff_base_ms = 50",
        "restart_backoff_max_ms" => "restart_backoff_max_ms = 400",
        "crash_loop_restarts" => "crash_loop_restarts = 3",
        "crash_loop_window_secs" => "crash_loop_window_secs = 60",
        "shutdown_grace_ms" => "shutdown_grace_ms = 3000",
        _ => return None,
    })
}

pub fn wait_until<T>(timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(found) = probe() {
            return Some(found);
        }
        std::thread::sleep(POLL);
    }
    probe()
}

pub fn wait_exit(child: &mut Child, timeout: Duration) -> Option<i32> {
    let status = wait_until(timeout, || child.try_wait().ok().flatten());
    if status.is_none() && child.kill().is_err() {
        eprintln!("child already gone");
    }
    status.and_then(|status| status.code())
}

pub fn http_get(base_url: &str, path: &str) -> Option<String> {
    let host = base_url.strip_prefix("http://")?.trim_end_matches('/');
    let mut stream = TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (_, body) = response.split_once("\r\n\r\n")?;
    Some(body.to_owned())
}

pub fn health_mode(panel_url: &str) -> Option<String> {
    let body = http_get(panel_url, "/health")?;
    let value: serde_json::Value = serde_json::from_str(&body).ok()?;
    Some(value.get("sys_mode")?.as_str()?.to_owned())
}

pub fn pid_alive(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let state = stat
        .rsplit(')')
        .next()
        .and_then(|rest| rest.split_whitespace().next());
    !matches!(state, Some("Z" | "X"))
}

pub fn kill9(pid: u32) {
    let status = Command::new("kill")
        .arg("-9")
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -9 {pid} failed");
}

pub fn stop_launcher(launcher: &mut Child) {
    let stopped = Command::new("kill")
        .arg("-TERM")
        .arg(launcher.id().to_string())
        .status()
        .unwrap();
    assert!(stopped.success());
    assert_eq!(wait_exit(launcher, Duration::from_secs(40)), Some(0));
}
