#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use livespot_panel::ROUTES;

const RUN_SECONDS: &str = "25";
const WAIT: Duration = Duration::from_mins(1);
const PROBE_EVERY: Duration = Duration::from_millis(200);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

fn launcher_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().and_then(Path::parent).unwrap();
    profile.join(format!("livespot-launch{}", std::env::consts::EXE_SUFFIX))
}

fn sim_config(dir: &Path) -> PathBuf {
    let shipped = std::fs::read_to_string(workspace_root().join("policies/livespot.toml")).unwrap();
    let text: Vec<String> = shipped
        .lines()
        .map(|line| match line.split('=').next().map(str::trim) {
            Some("port") => "port = 0".to_owned(),
            _ => line.to_owned(),
        })
        .collect();
    let path = dir.join("livespot.toml");
    std::fs::write(&path, text.join("\n")).unwrap();
    path
}

fn launch(dir: &Path) -> Child {
    Command::new(launcher_binary())
        .arg("--var")
        .arg(dir)
        .arg("--config")
        .arg(sim_config(dir))
        .args(["--sim", "--duration", RUN_SECONDS])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.join("launch.stdout")).unwrap())
        .stderr(std::fs::File::create(dir.join("launch.stderr")).unwrap())
        .spawn()
        .unwrap()
}

fn wait_until<T>(mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(found) = probe() {
            return Some(found);
        }
        std::thread::sleep(PROBE_EVERY);
    }
    None
}

fn raw_get(address: SocketAddr, host: &str, method: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    let mut chunk = [0u8; 8192];
    while !String::from_utf8_lossy(&response).contains("\r\n\r\n") || path != "/api/events" {
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..read]);
    }
    Ok(String::from_utf8_lossy(&response).into_owned())
}

fn panel_address(dir: &Path) -> Option<SocketAddr> {
    let text = std::fs::read_to_string(dir.join("run").join("endpoints.json")).ok()?;
    let endpoints: serde_json::Value = serde_json::from_str(&text).ok()?;
    let url = endpoints.get("panel_url")?.as_str()?;
    url.strip_prefix("http://")?.parse().ok()
}

fn other_interface() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

fn assert_routes_answer(address: SocketAddr) {
    let host = address.to_string();
    for route in ROUTES {
        let path = route.replace("{id}", "dec-none");
        let response = raw_get(address, &host, "GET", &path).unwrap();
        let expected = if path == "/" {
            "HTTP/1.1 303"
        } else {
            "HTTP/1.1 200"
        };
        assert!(response.starts_with(expected), "{path}: {response}");
        assert!(response.contains("x-frame-options: DENY"), "{path}");
    }
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let response = raw_get(address, &host, method, "/api/summary").unwrap();
        assert!(response.starts_with("HTTP/1.1 405"), "{method}: {response}");
    }
    let foreign = raw_get(address, "evil.example", "GET", "/api/summary").unwrap();
    assert!(foreign.starts_with("HTTP/1.1 421"), "{foreign}");
    if let Some(ip) = other_interface() {
        let elsewhere = SocketAddr::new(ip, address.port());
        assert!(raw_get(elsewhere, &elsewhere.to_string(), "GET", "/health").is_err());
    }
}

#[test]
fn a_real_sim_run_serves_every_route_from_its_audit_store() {
    if !launcher_binary().exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "build the binaries first"
        );
        println!(
            "notice: {} not built (cargo build --workspace --bins); skipped",
            launcher_binary().display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut launcher = launch(dir.path());
    let address = wait_until(|| panel_address(dir.path()));
    let console = || std::fs::read_to_string(dir.path().join("launch.stdout")).unwrap_or_default();
    let address = address.unwrap_or_else(|| {
        launcher.kill().unwrap();
        panic!("panel never came up: {}", console())
    });
    assert!(address.ip().is_loopback());
    let summary = wait_until(|| {
        let body = raw_get(address, &address.to_string(), "GET", "/api/summary").ok()?;
        let json: serde_json::Value = serde_json::from_str(body.split_once("\r\n\r\n")?.1).ok()?;
        (json["data"]["last_event_id"].as_i64()? > 0).then_some(json)
    });
    let summary = summary.unwrap();
    assert_eq!(summary["data"]["mode"], "SIM");
    assert_eq!(summary["data"]["store"], "OK");
    assert_routes_answer(address);
    let exited = wait_until(|| launcher.try_wait().ok().flatten());
    assert!(
        exited.is_some_and(|status| status.success()),
        "{}",
        console()
    );
}
