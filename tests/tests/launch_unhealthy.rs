#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::process::Command;
use std::time::Duration;

use launch_support::{TestVar, health_mode, pid_alive, stop_launcher, wait_until};

fn signal(name: &str, pid: u32) -> bool {
    Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .unwrap()
        .success()
}

fn trail_line_with(var: &TestVar, parts: &[&str]) -> bool {
    var.audit_trail()
        .lines()
        .any(|line| parts.iter().all(|part| line.contains(part)))
}

#[test]
fn a_frozen_child_raises_process_unhealthy_naming_it_and_its_restart_clears_it() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "60"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    let frozen = var.pid_of("strategy").unwrap();
    assert!(signal("STOP", frozen), "kill -STOP {frozen}");
    let degraded = wait_until(Duration::from_secs(20), || {
        let log = var.log_text("launch");
        log.lines()
            .any(|line| line.contains("PROCESS_UNHEALTHY") && line.contains("\"strategy\""))
            .then_some(())
    });
    if pid_alive(frozen) && !signal("CONT", frozen) {
        eprintln!("the frozen strategy was already gone when SIGCONT was sent");
    }
    assert!(degraded.is_some(), "{}", var.log_text("launch"));
    let restarted = wait_until(Duration::from_secs(20), || {
        var.pid_of("strategy")
            .filter(|pid| *pid != frozen && pid_alive(*pid))
    });
    assert!(restarted.is_some(), "{}", var.console());
    let normal = wait_until(Duration::from_secs(20), || {
        health_mode(&panel).filter(|mode| mode == "NORMAL")
    });
    assert_eq!(normal.as_deref(), Some("NORMAL"), "{}", var.console());
    let audited = wait_until(Duration::from_secs(10), || {
        (trail_line_with(&var, &["ALERT_RAISED", "PROCESS_UNHEALTHY", "strategy"])
            && trail_line_with(&var, &["ALERT_CLEARED", "PROCESS_UNHEALTHY"])
            && trail_line_with(&var, &["MODE_CHANGED", "PROCESS_UNHEALTHY", "DEGRADE"]))
        .then_some(())
    });
    assert!(audited.is_some(), "{}", var.audit_trail());
    stop_launcher(&mut launcher);
}
