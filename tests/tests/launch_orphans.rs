#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::time::Duration;

use launch_support::{TestVar, kill9, pid_alive, wait_exit, wait_until};

const CHILDREN: [&str; 6] = [
    "audit",
    "marketdata",
    "executor",
    "risk",
    "strategy",
    "panel",
];

#[test]
fn children_and_the_simulator_shut_themselves_down_when_the_launcher_is_killed() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "60"]);
    var.wait_for_panel(Duration::from_secs(30));
    let pids: Vec<(&str, u32)> = CHILDREN
        .iter()
        .map(|name| (*name, var.pid_of(name).unwrap()))
        .collect();
    let sim = var.pid_of("sim").unwrap();
    kill9(launcher.id());
    assert_eq!(wait_exit(&mut launcher, Duration::from_secs(10)), None);
    let watched: Vec<(&str, u32)> = pids.iter().copied().chain([("sim", sim)]).collect();
    let all_gone = wait_until(Duration::from_secs(20), || {
        watched
            .iter()
            .all(|(_, pid)| !pid_alive(*pid))
            .then_some(())
    });
    let alive: Vec<&str> = watched
        .iter()
        .filter(|(_, pid)| pid_alive(*pid))
        .map(|(name, _)| *name)
        .collect();
    for (_, pid) in watched.iter().filter(|(_, pid)| pid_alive(*pid)) {
        kill9(*pid);
    }
    assert!(
        all_gone.is_some(),
        "still running after the launcher died: {alive:?}"
    );
    for (name, _) in &pids {
        assert!(
            var.log_text(name).contains("LAUNCHER_LINK_LOST"),
            "{name} did not log the lost link"
        );
    }
}
