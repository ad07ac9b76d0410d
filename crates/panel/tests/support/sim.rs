use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub const PROBE_EVERY: Duration = Duration::from_millis(200);
pub const STOP_WAIT: Duration = Duration::from_secs(30);
pub const MIN_CHILD_PIDS: usize = 6;

pub const STALL_TUNING: [(&str, &str); 13] = [
    ("kline_interval", "\"1m\""),
    ("min_quote_volume_24h", "\"0\""),
    ("ws_stale_ms", "3000"),
    ("health_interval_ms", "400"),
    ("publish_interval_ms", "500"),
    ("strategy_cycle_interval_ms", "1000"),
    ("kline_backfill", "120"),
    ("regime_min_volatility_bps", "\"0.5\""),
    ("maker_fee_bps", "\"0\""),
    ("taker_fee_bps", "\"0\""),
    ("min_edge_bps", "\"0\""),
    ("expected_slippage_bps", "\"0\""),
    ("timeout_ms", "300"),
];

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

pub fn launcher_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().and_then(Path::parent).unwrap();
    profile.join(format!("livespot-launch{}", std::env::consts::EXE_SUFFIX))
}

pub fn skip_without_launcher() -> bool {
    if launcher_binary().exists() {
        return false;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "build the binaries first"
    );
    println!(
        "notice: {} not built (cargo build --workspace --bins); skipped",
        launcher_binary().display()
    );
    true
}

pub fn write_config(dir: &Path, tuning: &[(&str, &str)]) -> PathBuf {
    let shipped = std::fs::read_to_string(workspace_root().join("policies/livespot.toml")).unwrap();
    let text: Vec<String> = shipped
        .lines()
        .map(|line| {
            let key = line.split('=').next().map(str::trim).unwrap_or_default();
            if key == "port" {
                return "port = 0".to_owned();
            }
            tuning.iter().find(|(name, _)| *name == key).map_or_else(
                || line.to_owned(),
                |(name, value)| format!("{name} = {value}"),
            )
        })
        .collect();
    let path = dir.join("livespot.toml");
    std::fs::write(&path, text.join("\n")).unwrap();
    path
}

pub fn wait_until<T>(timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(found) = probe() {
            return Some(found);
        }
        std::thread::sleep(PROBE_EVERY);
    }
    probe()
}

pub struct SimStack {
    pub dir: tempfile::TempDir,
    child: Option<Child>,
}

impl SimStack {
    pub fn start(duration_secs: u64, tuning: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = write_config(dir.path(), tuning);
        let child = Command::new(launcher_binary())
            .arg("--var")
            .arg(dir.path())
            .arg("--config")
            .arg(config)
            .args(["--sim", "--duration", &duration_secs.to_string()])
            .env_remove("OPENAI_API_KEY")
            .env_remove("BINANCE_API_KEY")
            .env_remove("BINANCE_API_SECRET")
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(dir.path().join("launch.stdout")).unwrap())
            .stderr(std::fs::File::create(dir.path().join("launch.stderr")).unwrap())
            .spawn()
            .unwrap();
        Self {
            dir,
            child: Some(child),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn console(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.path().join(name)).unwrap_or_default();
        format!("{}{}", read("launch.stdout"), read("launch.stderr"))
    }

    pub fn endpoints(&self) -> Option<serde_json::Value> {
        let text = std::fs::read_to_string(self.path().join("run").join("endpoints.json")).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn panel_address(&self) -> Option<SocketAddr> {
        let endpoints = self.endpoints()?;
        let url = endpoints.get("panel_url")?.as_str()?;
        url.strip_prefix("http://")?.parse().ok()
    }

    #[allow(
        clippy::panic,
        reason = "a test helper reports a stack that never came up"
    )]
    pub fn wait_for_stack(&self, timeout: Duration) -> SocketAddr {
        let ready = wait_until(timeout, || {
            let pids = self.endpoints()?.get("pids")?.as_object()?.len();
            (pids >= MIN_CHILD_PIDS).then(|| self.panel_address())?
        });
        ready.unwrap_or_else(|| panic!("stack never came up: {}", self.console()))
    }

    pub fn venue_admin(&self) -> String {
        let endpoints = self.endpoints().unwrap();
        endpoints["venue"]["admin"].as_str().unwrap().to_owned()
    }

    pub fn post_admin(&self, path: &str, body: &str) -> String {
        let admin = self.venue_admin();
        let host = admin.strip_prefix("http://").unwrap().trim_end_matches('/');
        let mut stream = TcpStream::connect(host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    pub fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child.as_mut()?.try_wait().ok().flatten()
    }

    pub fn stop(&mut self) -> Option<ExitStatus> {
        let mut child = self.child.take()?;
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        request_stop(&mut child);
        let status = wait_until(STOP_WAIT, || child.try_wait().ok().flatten());
        if status.is_none() && child.kill().is_ok() {
            child.wait().ok();
        }
        status
    }
}

impl Drop for SimStack {
    fn drop(&mut self) {
        self.stop();
        if std::thread::panicking() {
            self.dir.disable_cleanup(true);
            eprintln!("sim run kept for diagnosis: {}", self.path().display());
        }
    }
}

#[cfg(unix)]
fn request_stop(child: &mut Child) {
    let signalled = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .is_ok_and(|status| status.success());
    if !signalled {
        child.kill().ok();
    }
}

#[cfg(not(unix))]
fn request_stop(child: &mut Child) {
    child.kill().ok();
}
