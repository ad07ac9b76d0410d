#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test: a failed setup step must fail the test"
)]

mod launch_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use launch_support::{TestVar, wait_exit};
use livespot_e2e::binary_path;

const SIM_KEY: &str = "doctorE2eKey";
const SIM_SECRET: &str = "doctor-e2e-secret";
const FAILED_CHECK_EXIT_CODE: i32 = 1;

fn doctor(
    var: &TestVar,
    credentials: &Path,
    extra: &[&str],
) -> (Option<i32>, serde_json::Value, String) {
    let output = Command::new(binary_path("livespot-doctor"))
        .arg("--json")
        .arg("--config")
        .arg(&var.config)
        .arg("--var")
        .arg(var.path())
        .arg("--credentials-file")
        .arg(credentials)
        .arg("--dotenv")
        .arg(var.path().join("absent.env"))
        .args(extra)
        .env_remove("BINANCE_API_KEY")
        .env_remove("BINANCE_API_SECRET")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let text = format!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|error| panic!("doctor --json did not print JSON ({error}):\n{text}"));
    (output.status.code(), report, text)
}

fn status_of<'a>(report: &'a serde_json::Value, name: &str) -> (&'a str, &'a str, &'a str) {
    let check = report["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|check| check["name"] == name))
        .unwrap_or_else(|| panic!("check {name} missing: {report}"));
    (
        check["status"].as_str().unwrap_or_default(),
        check["reason_code"].as_str().unwrap_or_default(),
        check["detail"].as_str().unwrap_or_default(),
    )
}

fn small_disk_thresholds(var: &TestVar) {
    let text = std::fs::read_to_string(&var.config)
        .unwrap()
        .replacen("degrade_free_mib = 2048", "degrade_free_mib = 2", 1)
        .replacen("pause_free_mib = 512", "pause_free_mib = 1", 1);
    std::fs::write(&var.config, text).unwrap();
}

fn start_sim_run(var: &TestVar) -> (Child, PathBuf) {
    small_disk_thresholds(var);
    let credentials = var.path().join("sim-credentials.toml");
    std::fs::write(
        &credentials,
        format!("api_key = \"{SIM_KEY}\"\napi_secret = \"{SIM_SECRET}\"\n"),
    )
    .unwrap();
    let credentials_arg = credentials.display().to_string();
    let launcher = var.launch(&[
        "--sim",
        "--duration",
        "20",
        "--sim-credentials",
        &credentials_arg,
    ]);
    var.wait_for_panel(Duration::from_secs(30));
    (launcher, credentials)
}

fn assert_passing_sim_report(report: &serde_json::Value, text: &str) {
    assert_ne!(report["overall"], "FAIL", "{text}");
    assert_eq!(
        report["config_hash"].as_str().map(str::len),
        Some(64),
        "{text}"
    );
    for name in [
        "config",
        "audit_sinks",
        "socket_dirs",
        "sqlite_open",
        "migrations",
        "sqlite_integrity",
        "audit_chain",
        "venue_reachable",
        "clock_offset",
    ] {
        assert_eq!(status_of(report, name).0, "PASS", "{name}: {text}");
    }
    let (key_status, _, key_detail) = status_of(report, "api_key_permissions");
    assert_ne!(key_status, "FAIL", "{text}");
    assert!(key_detail.contains("withdrawals off"), "{text}");
    assert!(
        !text.contains(SIM_SECRET),
        "the doctor printed the secret:\n{text}"
    );
}

#[test]
fn doctor_json_against_a_sim_run_passes_and_a_failed_check_exits_non_zero() {
    let var = TestVar::new();
    let (mut launcher, credentials) = start_sim_run(&var);
    let (code, report, text) = doctor(&var, &credentials, &[]);
    assert_eq!(code, Some(0), "{text}\n{}", var.console());
    assert_passing_sim_report(&report, &text);
    let (code, report, text) = doctor(&var, &credentials, &["--live-checklist"]);
    assert_eq!(code, Some(FAILED_CHECK_EXIT_CODE), "{text}");
    assert_eq!(report["overall"], "FAIL");
    let (status, reason, _) = status_of(&report, "live_locks");
    assert_eq!(
        (status, reason),
        ("FAIL", "LIVE_LOCK_FILE_MISSING"),
        "{text}"
    );
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_secs(40)),
        Some(0),
        "{}",
        var.console()
    );
}
