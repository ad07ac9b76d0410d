#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::process::Command;
use std::time::Duration;

use launch_support::{TestVar, health_mode, http_get, stop_launcher, wait_until};
use livespot_e2e::binary_path;

fn operator(var: &TestVar, args: &[&str]) -> String {
    let output = Command::new(binary_path("livespot-launch"))
        .args(args)
        .arg("--var")
        .arg(var.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn venue_buys(var: &TestVar) -> Option<usize> {
    let admin = var.endpoints()?["venue"]["admin"].as_str()?.to_owned();
    let state: serde_json::Value = serde_json::from_str(&http_get(&admin, "/admin/state")?).ok()?;
    let orders = state["orders"].as_array()?;
    Some(orders.iter().filter(|order| order["side"] == "BUY").count())
}

fn wait_mode(var: &TestVar, panel: &str, mode: &str, secs: u64) {
    let seen = wait_until(Duration::from_secs(secs), || {
        health_mode(panel).filter(|seen| seen == mode)
    });
    assert_eq!(seen.as_deref(), Some(mode), "{}", var.console());
}

fn refusals(var: &TestVar) -> usize {
    var.audit_trail()
        .matches("RISK_SYS_MODE_NOT_NORMAL")
        .count()
}

#[test]
fn the_operator_pauses_and_resumes_trading_without_stopping_the_stack() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "150"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    wait_mode(&var, &panel, "NORMAL", 30);
    let traded = wait_until(Duration::from_mins(1), || {
        venue_buys(&var).filter(|n| *n > 0)
    });
    assert!(
        traded.is_some(),
        "no entry before the pause: {}",
        var.console()
    );
    let printed = operator(&var, &["pause", "--reason", "e2e operator pause"]);
    assert!(printed.contains("OPERATOR_PAUSE"), "{printed}");
    wait_mode(&var, &panel, "PAUSE", 10);
    let buys_at_pause = venue_buys(&var).unwrap();
    let refused_before = refusals(&var);
    let refused = wait_until(Duration::from_mins(1), || {
        (refusals(&var) > refused_before).then_some(())
    });
    assert!(
        refused.is_some(),
        "risk never refused an entry while paused"
    );
    assert_eq!(
        venue_buys(&var),
        Some(buys_at_pause),
        "an entry reached the venue while paused"
    );
    let trail = var.audit_trail();
    assert!(
        trail.lines().any(|line| line.contains("ALERT_RAISED")
            && line.contains("OPERATOR_PAUSE")
            && line.contains("e2e operator pause")),
        "{trail}"
    );
    operator(&var, &["resume"]);
    wait_mode(&var, &panel, "NORMAL", 20);
    let cleared = wait_until(Duration::from_secs(10), || {
        let trail = var.audit_trail();
        trail
            .lines()
            .any(|line| line.contains("ALERT_CLEARED") && line.contains("OPERATOR_PAUSE"))
            .then_some(())
    });
    assert!(cleared.is_some(), "{}", var.audit_trail());
    stop_launcher(&mut launcher);
}
