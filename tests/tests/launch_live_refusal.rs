#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::time::Duration;

use launch_support::{TestVar, wait_exit};

#[test]
fn live_without_the_lock_file_exits_4_names_the_reason_and_starts_no_executor() {
    let var = TestVar::new();
    let mut launcher = var.launch(&["--live", "--duration", "5"]);
    let code = wait_exit(&mut launcher, Duration::from_secs(30));
    assert_eq!(code, Some(4), "{}", var.console());
    assert!(
        var.console().contains("LIVE_LOCK_FILE_MISSING"),
        "{}",
        var.console()
    );
    assert!(var.log_text("launch").contains("LIVE_LOCK_FILE_MISSING"));
    assert!(var.log_text("executor").is_empty());
    assert!(var.endpoints().is_none());
}

#[test]
fn neither_sim_nor_live_is_a_usage_error_naming_live_flag_missing() {
    let var = TestVar::new();
    let mut launcher = var.launch(&[]);
    assert_eq!(wait_exit(&mut launcher, Duration::from_secs(30)), Some(2));
    assert!(
        var.console().contains("LIVE_FLAG_MISSING"),
        "{}",
        var.console()
    );
}

#[test]
fn live_with_the_lock_file_but_no_binance_secrets_fails_the_checklist_and_starts_no_executor() {
    let var = TestVar::new();
    std::fs::write(var.path().join("LIVE.ok"), b"operator approved").unwrap();
    let mut launcher = var.launch(&["--live", "--duration", "5"]);
    let code = wait_exit(&mut launcher, Duration::from_secs(30));
    assert_eq!(code, Some(4), "{}", var.console());
    let console = var.console();
    assert!(
        console.contains("LIVE_CHECKLIST_FAILED") && console.contains("secrets_present"),
        "{console}"
    );
    assert!(console.contains("BINANCE_API_SECRET: missing"), "{console}");
    assert!(var.log_text("executor").is_empty());
    assert!(var.endpoints().is_none());
}
