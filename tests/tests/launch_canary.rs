#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::path::Path;
use std::time::Duration;

use launch_support::{TestVar, wait_exit};

const CANARY_KEY: &str = "canaryKEY7c1f0e93a4b24d55";
const CANARY_SECRET: &str = "canarySECRET5e8d2b7f19c04aa6";

fn contains_canary(bytes: &[u8]) -> bool {
    [CANARY_KEY, CANARY_SECRET].iter().any(|canary| {
        bytes
            .windows(canary.len())
            .any(|window| window == canary.as_bytes())
    })
}

fn files_under(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn proc_files_of(pid: u32) -> Vec<(String, Vec<u8>)> {
    ["environ", "cmdline"]
        .iter()
        .map(|name| {
            let bytes = std::fs::read(format!("/proc/{pid}/{name}")).unwrap_or_default();
            (format!("/proc/{pid}/{name}"), bytes)
        })
        .collect()
}

fn assert_no_canary_in_proc_files(var: &TestVar, launcher_pid: u32) {
    let endpoints = var.endpoints().unwrap();
    let mut checked = vec![launcher_pid];
    for (name, pid) in endpoints["pids"].as_object().unwrap() {
        if name != "executor" && name != "sim" {
            checked.push(u32::try_from(pid.as_u64().unwrap()).unwrap());
        }
    }
    assert!(checked.len() >= 6, "{endpoints}");
    for pid in &checked {
        for (path, bytes) in proc_files_of(*pid) {
            assert!(
                !bytes.is_empty() || path.ends_with("environ"),
                "{path} unreadable"
            );
            assert!(!contains_canary(&bytes), "canary found in {path}");
        }
    }
}

#[test]
fn a_canary_venue_secret_appears_nowhere_outside_the_executor_and_the_simulator() {
    let secrets_dir = tempfile::tempdir().unwrap();
    let credentials = secrets_dir.path().join("sim-credentials.toml");
    std::fs::write(
        &credentials,
        format!("api_key = \"{CANARY_KEY}\"\napi_secret = \"{CANARY_SECRET}\"\n"),
    )
    .unwrap();
    let var = TestVar::new();
    let credentials_arg = credentials.display().to_string();
    let mut launcher = var.launch(&[
        "--sim",
        "--sim-credentials",
        &credentials_arg,
        "--duration",
        "6",
    ]);
    var.wait_for_panel(Duration::from_secs(30));
    assert_no_canary_in_proc_files(&var, launcher.id());
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_secs(40)),
        Some(0),
        "{}",
        var.console()
    );
    let mut files = Vec::new();
    files_under(var.path(), &mut files);
    assert!(files.iter().any(|path| path.ends_with("endpoints.json")));
    assert!(files.len() >= 14, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !contains_canary(&bytes),
            "canary found in {}",
            path.display()
        );
    }
    assert!(
        var.log_text("executor")
            .contains("venue credentials loaded")
    );
}
