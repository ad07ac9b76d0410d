#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::process::Command;
use std::time::Duration;

use launch_support::{TestVar, health_mode, kill9, pid_alive, wait_exit, wait_until};

fn terminate(pid: u32) {
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

fn kill_and_wait_for_restart(var: &TestVar, process: &str) -> u32 {
    let old = var.pid_of(process).unwrap();
    kill9(old);
    let new = wait_until(Duration::from_secs(20), || {
        var.pid_of(process)
            .filter(|pid| *pid != old && pid_alive(*pid))
    });
    new.unwrap_or_else(|| panic!("{process} was not restarted: {}", var.console()))
}

#[test]
fn a_killed_child_is_restarted_and_the_restart_is_logged_as_an_audit_event() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "30"]);
    var.wait_for_panel(Duration::from_secs(30));
    let restarted = kill_and_wait_for_restart(&var, "marketdata");
    assert!(pid_alive(restarted));
    let logged = wait_until(Duration::from_secs(10), || {
        let log = var.log_text("launch");
        (log.contains("PROCESS_EXITED") && log.contains("PROCESS_RESTARTED")).then_some(())
    });
    assert!(logged.is_some(), "{}", var.log_text("launch"));
    let marketdata_log = var.log_text("marketdata");
    assert!(
        marketdata_log.matches(" started ").count() + marketdata_log.matches(": started").count()
            >= 2
    );
    terminate(launcher.id());
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_secs(40)),
        Some(0),
        "{}",
        var.console()
    );
    assert!(!pid_alive(restarted));
    let trail = var.audit_trail();
    assert!(
        trail
            .lines()
            .any(|line| line.contains("PROCESS_RESTARTED") && line.contains("marketdata")),
        "{trail}"
    );
}

#[test]
fn a_child_that_dies_repeatedly_puts_the_system_in_pause_with_crash_loop_pause() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "40"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    for _ in 0..3 {
        kill_and_wait_for_restart(&var, "risk");
    }
    let paused = wait_until(Duration::from_secs(10), || {
        health_mode(&panel).filter(|mode| mode == "PAUSE")
    });
    assert_eq!(paused.as_deref(), Some("PAUSE"), "{}", var.console());
    let log = var.log_text("launch");
    assert!(
        log.lines()
            .any(|line| line.contains("crash loop detected") && line.contains("\"risk\"")),
        "{log}"
    );
    assert!(log.contains("ALERT_RAISED") && log.contains("CRASH_LOOP_PAUSE"));
    let trail = wait_until(Duration::from_secs(10), || {
        let trail = var.audit_trail();
        trail.contains("CRASH_LOOP_PAUSE").then_some(trail)
    });
    assert!(
        trail.is_some_and(|trail| trail.contains("ALERT_RAISED") && trail.contains("MODE_CHANGED"))
    );
    let executor_log = var.log_text("executor");
    assert!(
        executor_log
            .lines()
            .any(|line| line.contains("mode changed by the launcher") && line.contains("PAUSE")),
        "{executor_log}"
    );
    terminate(launcher.id());
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_secs(40)),
        Some(0),
        "{}",
        var.console()
    );
}

#[test]
fn a_silent_child_is_killed_and_restarted() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "30"]);
    var.wait_for_panel(Duration::from_secs(30));
    let frozen = var.pid_of("strategy").unwrap();
    let stopped = Command::new("kill")
        .arg("-STOP")
        .arg(frozen.to_string())
        .status()
        .unwrap();
    assert!(stopped.success());
    let restarted = wait_until(Duration::from_secs(20), || {
        var.pid_of("strategy")
            .filter(|pid| *pid != frozen && pid_alive(*pid))
    });
    assert!(restarted.is_some(), "{}", var.console());
    assert!(!pid_alive(frozen));
    let log = var.log_text("launch");
    assert!(log.contains("HEARTBEAT_MISSED"), "{log}");
    terminate(launcher.id());
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_secs(40)),
        Some(0),
        "{}",
        var.console()
    );
}
