#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::time::Duration;

use launch_support::{TestVar, health_mode, pid_alive, wait_exit, wait_until};

const CHILDREN: [&str; 6] = [
    "audit",
    "marketdata",
    "executor",
    "risk",
    "strategy",
    "panel",
];

const STOP_ORDER: [&str; 6] = [
    "strategy",
    "risk",
    "executor",
    "panel",
    "marketdata",
    "audit",
];

fn assert_shutdown_order(var: &TestVar) {
    let log = var.log_text("launch");
    let stopped: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("exited during shutdown"))
        .filter_map(|line| {
            STOP_ORDER
                .iter()
                .copied()
                .find(|name| line.contains(&format!("process=\"{name}\"")))
        })
        .collect();
    assert_eq!(stopped, STOP_ORDER.to_vec(), "{log}");
}

fn assert_every_process_logged(var: &TestVar) {
    let logs = var.path().join("logs");
    for name in CHILDREN.iter().chain(&["launch"]) {
        let log = std::fs::read_to_string(logs.join(format!("{name}.log"))).unwrap_or_default();
        assert!(
            log.contains(&format!("role={name}")),
            "{name}.log missing or without role: {log:?}"
        );
        assert!(
            logs.join(format!("{name}.error.log")).is_file(),
            "{name}.error.log missing"
        );
    }
}

#[test]
fn sim_run_reaches_normal_writes_endpoints_and_logs_then_exits_zero_with_children_gone() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "5"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    let mode = wait_until(Duration::from_secs(10), || {
        health_mode(&panel).filter(|mode| mode == "NORMAL")
    });
    assert_eq!(mode.as_deref(), Some("NORMAL"), "{}", var.console());
    let endpoints = var.endpoints().unwrap();
    assert_eq!(endpoints["mode"], "sim");
    assert!(endpoints["run_id"].as_str().unwrap().starts_with("run-"));
    for key in ["rest", "ws", "ws_api", "admin"] {
        assert!(
            endpoints["venue"][key].is_string(),
            "venue.{key} missing: {endpoints}"
        );
    }
    let pids: Vec<u32> = CHILDREN
        .iter()
        .map(|name| var.pid_of(name).unwrap())
        .collect();
    let code = wait_exit(&mut launcher, Duration::from_secs(40));
    assert_eq!(code, Some(0), "{}", var.console());
    for (name, pid) in CHILDREN.iter().zip(pids) {
        assert!(
            !pid_alive(pid),
            "{name} ({pid}) still running after the launcher exited"
        );
    }
    assert_every_process_logged(&var);
    assert_shutdown_order(&var);
    assert!(var.log_text("launch").contains("STOPPED"));
    let trail = var.audit_trail();
    for event in ["RUN_STARTED", "PROCESS_STARTED", "RUN_ENDED"] {
        assert!(
            trail.contains(event),
            "{event} missing from the audit trail: {trail}"
        );
    }
}
