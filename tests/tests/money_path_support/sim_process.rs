use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use livespot_e2e::binary_path;
use livespot_runtime::{VenueCredentials, VenueEndpoints};

pub fn reap(child: &mut Child, what: &str) {
    if child.kill().is_ok() && child.wait().is_err() {
        eprintln!("{what} not reaped");
    }
}

pub struct SimProcess {
    child: Child,
    pub endpoints: VenueEndpoints,
}

impl SimProcess {
    pub fn start(credentials: &VenueCredentials, stderr: Option<&Path>) -> Self {
        let stderr = stderr.map_or_else(Stdio::null, |path| {
            Stdio::from(std::fs::File::create(path).unwrap())
        });
        let mut child = Command::new(binary_path("livespot-sim"))
            .args(["--port", "0", "--admin-port", "0", "--seed", "7"])
            .arg("--accounts-stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let account = serde_json::json!({
            "api_key": credentials.api_key.expose(),
            "api_secret": credentials.api_secret.expose(),
            "balances": {"USDT": "10000"},
        });
        writeln!(child.stdin.as_mut().unwrap(), "{account}").unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let endpoints = serde_json::from_str(line.trim()).unwrap();
        Self { child, endpoints }
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        reap(&mut self.child, "simulator");
    }
}
