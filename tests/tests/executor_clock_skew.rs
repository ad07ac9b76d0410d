#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

#[path = "money_path_support/http.rs"]
#[allow(dead_code, reason = "this test only posts a fault")]
mod http;
mod launch_support;

use std::time::Duration;

use http::request;
use launch_support::{TestVar, health_mode, http_get, stop_launcher, wait_until};

const SKEW_WALL_MS: u64 = 4_000;

fn fast_resync(var: &TestVar) {
    let text = std::fs::read_to_string(&var.config).unwrap();
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("time_resync_interval_secs") {
                "time_resync_interval_secs = 10".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    std::fs::write(&var.config, edited.join("\n")).unwrap();
}

fn venue_time(admin: &str) -> i64 {
    let state: serde_json::Value =
        serde_json::from_str(&http_get(admin, "/admin/state").unwrap()).unwrap();
    state["server_time"].as_i64().unwrap()
}

fn clock_scale(admin: &str) -> u64 {
    let wall = std::time::Instant::now();
    let first = venue_time(admin);
    let seen = wait_until(Duration::from_secs(5), || {
        let elapsed = i64::try_from(wall.elapsed().as_millis()).unwrap();
        (elapsed >= 1_000).then(|| (venue_time(admin) - first) * 1_000 / elapsed / 1_000)
    });
    u64::try_from(seen.unwrap_or(1)).unwrap_or(1).max(1)
}

fn audited(var: &TestVar, parts: &[&str]) -> bool {
    var.audit_trail()
        .lines()
        .any(|line| parts.iter().all(|part| line.contains(part)))
}

#[test]
fn a_venue_clock_jump_reaches_the_launcher_as_clock_skew_and_clears_after_clean_syncs() {
    let var = TestVar::new();
    fast_resync(&var);
    let mut launcher = var.launch(&["--sim", "--duration", "150"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    let normal = wait_until(Duration::from_secs(30), || {
        health_mode(&panel).filter(|mode| mode == "NORMAL")
    });
    assert!(normal.is_some(), "{}", var.console());
    let admin = var.endpoints().unwrap()["venue"]["admin"]
        .as_str()
        .unwrap()
        .to_owned();
    let venue_ms = SKEW_WALL_MS * clock_scale(&admin);
    request(
        &admin,
        "POST",
        "/admin/faults",
        Some(&format!(r#"{{"kind":"clock_skew","ms":{venue_ms}}}"#)),
    );
    let paused = wait_until(Duration::from_secs(40), || {
        (audited(&var, &["ALERT_RAISED", "CLOCK_SKEW_PAUSE", "executor"])
            && audited(&var, &["ALERT_RAISED", "CLOCK_SKEW_DEGRADE", "executor"]))
        .then_some(())
    });
    assert!(
        paused.is_some(),
        "{}\n{}",
        var.audit_trail(),
        var.log_text("executor")
    );
    assert!(
        audited(&var, &["MODE_CHANGED", "CLOCK_SKEW_PAUSE"]),
        "{}",
        var.audit_trail()
    );
    let cleared = wait_until(Duration::from_mins(1), || {
        (audited(&var, &["ALERT_CLEARED", "CLOCK_SKEW_PAUSE"])
            && audited(&var, &["ALERT_CLEARED", "CLOCK_SKEW_DEGRADE"]))
        .then_some(())
    });
    assert!(cleared.is_some(), "{}", var.audit_trail());
    let back = wait_until(Duration::from_secs(20), || {
        health_mode(&panel).filter(|mode| mode == "NORMAL")
    });
    assert!(back.is_some(), "{}", var.audit_trail());
    stop_launcher(&mut launcher);
}
