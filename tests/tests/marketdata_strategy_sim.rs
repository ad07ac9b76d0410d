#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;
mod marketdata_support;

use std::time::Duration;

use launch_support::{TestVar, wait_until};
use marketdata_support::{
    audit_rows, count_events, executor_rows, http_post, mode_changes_with, stop, trail_lines,
    tune_config, tune_config_with, venue_order_posts, wait_mode,
};

const STALL_SECONDS: u64 = 5;

#[test]
fn strategy_decides_on_sim_streams_and_a_stream_stall_degrades_then_clears() {
    let var = TestVar::new();
    tune_config(&var);
    let mut launcher = var.launch(&["--sim", "--duration", "90"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    let decided = wait_until(Duration::from_secs(30), || {
        (count_events(&var, "DECISION", "strategy") >= 3).then_some(())
    });
    assert!(
        decided.is_some(),
        "no strategy decisions: {}",
        var.console()
    );
    assert!(count_events(&var, "SNAPSHOT", "strategy") >= 3);
    assert!(count_events(&var, "STAGE_CHANGED", "strategy") >= 4);
    assert_eq!(
        wait_mode(&panel, "NORMAL", Duration::from_secs(15)).as_deref(),
        Some("NORMAL"),
        "{}",
        var.console()
    );
    assert_eq!(
        mode_changes_with(&var, "WS_STALE_DEGRADE"),
        0,
        "streams looked stale before any fault"
    );
    post_fault(
        &var,
        &format!("{{\"kind\":\"streams_stall\",\"seconds\":{STALL_SECONDS}}}"),
    );
    assert_eq!(
        wait_mode(&panel, "DEGRADE", Duration::from_secs(10)).as_deref(),
        Some("DEGRADE"),
        "{}",
        var.log_text("marketdata")
    );
    let degraded = wait_until(Duration::from_secs(10), || {
        (mode_changes_with(&var, "WS_STALE_DEGRADE") >= 1).then_some(())
    });
    assert!(degraded.is_some(), "no MODE_CHANGED with WS_STALE_DEGRADE");
    assert_eq!(
        wait_mode(&panel, "NORMAL", Duration::from_secs(20)).as_deref(),
        Some("NORMAL"),
        "{}",
        var.log_text("marketdata")
    );
    let clean_cycles = var.log_text("marketdata").matches("clean cycle").count();
    assert!(clean_cycles >= 2, "fewer than 2 clean cycles logged");
    let decisions_before_stop = count_events(&var, "DECISION", "strategy");
    stop(&mut launcher);
    assert!(decisions_before_stop >= 3);
}

fn post_fault(var: &TestVar, body: &str) {
    let admin = var.endpoints().unwrap()["venue"]["admin"]
        .as_str()
        .unwrap()
        .to_owned();
    let answer = http_post(&admin, "/admin/faults", body).unwrap();
    assert!(answer.starts_with("HTTP/1.1 2"), "fault refused: {answer}");
}

const PROPOSALS_SQL: &str = "SELECT COUNT(*) FROM stage_changes WHERE source = 'strategy' \
     AND to_state IN ('PROPOSAL_SENT_TO_RISK', 'PROPOSAL_AUDITED_ONLY')";

#[test]
fn allowed_entries_pass_the_gate_and_reach_risk_as_proposals() {
    let var = TestVar::new();
    tune_config(&var);
    let mut launcher = var.launch(&["--sim", "--duration", "90"]);
    var.wait_for_panel(Duration::from_secs(30));
    let proposed = wait_until(Duration::from_secs(35), || {
        (audit_rows(&var, PROPOSALS_SQL) >= 1).then_some(())
    });
    assert!(
        proposed.is_some(),
        "no proposal: {}",
        var.log_text("strategy")
    );
    let allowed = audit_rows(
        &var,
        "SELECT COUNT(*) FROM ai_gate_events WHERE verdict = 'ALLOW'",
    );
    assert!(allowed >= 1, "no ALLOW ai_gate_events row");
    let gate_logged = wait_until(Duration::from_secs(5), || {
        var.log_text("ai_gate")
            .contains("ai gate call")
            .then_some(())
    });
    assert!(
        gate_logged.is_some(),
        "var/logs/ai_gate.log holds no gate call"
    );
    assert_an_allowed_entry_reached_the_venue(&var);
    stop(&mut launcher);
}

fn assert_an_allowed_entry_reached_the_venue(var: &TestVar) {
    let sql = "SELECT COUNT(*) FROM intents WHERE state = 'CONFIRMED'";
    let confirmed = wait_until(Duration::from_secs(50), || {
        (executor_rows(var, sql) >= 1).then_some(())
    });
    assert!(
        confirmed.is_some(),
        "no intent confirmed by the venue: {}\n{}",
        var.log_text("risk"),
        var.log_text("executor")
    );
    let posts = venue_order_posts(var);
    assert!(
        posts.iter().any(|post| post["status"] == 200),
        "the venue accepted no order: {posts:?}"
    );
}

fn assert_every_failed_attempt_is_explained_and_nothing_reached_the_venue(var: &TestVar) {
    let timed_out = "SELECT COUNT(*) FROM ai_gate_events WHERE error_code = 'AI_TIMEOUT' \
                     AND verdict = 'ERROR' AND latency_ms IS NOT NULL";
    assert!(
        audit_rows(var, timed_out) >= 1,
        "no ERROR row with error_code AI_TIMEOUT"
    );
    let unexplained = "SELECT COUNT(*) FROM ai_gate_events WHERE error_code IS NULL";
    assert_eq!(
        audit_rows(var, unexplained),
        0,
        "a failed attempt without error_code"
    );
    assert_eq!(executor_rows(var, "SELECT COUNT(*) FROM intents"), 0);
    assert!(venue_order_posts(var).is_empty());
}

#[test]
fn a_timing_out_gate_under_ai_dec_2_degrades_with_an_alert_and_sends_no_proposal() {
    let var = TestVar::new();
    tune_config(&var);
    std::fs::create_dir_all(var.path().join("sim")).unwrap();
    std::fs::write(
        var.path().join("sim").join("openai-stub.json"),
        r#"{"replies":["timeout"],"timeout_sleep_ms":2000}"#,
    )
    .unwrap();
    let mut launcher = var.launch(&["--sim", "--duration", "40"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    let failed = wait_until(Duration::from_secs(35), || {
        let sql = "SELECT COUNT(*) FROM ai_gate_events WHERE reason_codes LIKE '%AI_TIMEOUT%'";
        (audit_rows(&var, sql) >= 1).then_some(())
    });
    assert!(
        failed.is_some(),
        "no AI_TIMEOUT row: {}",
        var.log_text("strategy")
    );
    assert_eq!(
        wait_mode(&panel, "DEGRADE", Duration::from_secs(10)).as_deref(),
        Some("DEGRADE")
    );
    let alerted = wait_until(Duration::from_secs(10), || {
        let alerts = trail_lines(&var)
            .iter()
            .filter(|line| line["event_type"] == "ALERT_RAISED")
            .filter(|line| {
                line["reason_codes"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|c| c == "AI_TIMEOUT"))
            })
            .count();
        (alerts >= 1).then_some(())
    });
    assert!(alerted.is_some(), "no ALERT_RAISED with AI_TIMEOUT");
    assert_eq!(audit_rows(&var, PROPOSALS_SQL), 0);
    assert_every_failed_attempt_is_explained_and_nothing_reached_the_venue(&var);
    stop(&mut launcher);
}

#[test]
fn slow_rest_answers_raise_rest_latency_degrade_which_clears_when_fast_again() {
    let var = TestVar::new();
    tune_config_with(
        &var,
        &[("ticker_refresh_secs", "1"), ("rest_latency_max_ms", "300")],
    );
    let mut launcher = var.launch(&["--sim", "--duration", "40"]);
    let panel = var.wait_for_panel(Duration::from_secs(30));
    assert_eq!(
        wait_mode(&panel, "NORMAL", Duration::from_secs(15)).as_deref(),
        Some("NORMAL")
    );
    post_fault(
        &var,
        r#"{"kind":"delay","ms":900,"seconds":3,"path":"/api/v3/ticker/24hr"}"#,
    );
    let degraded = wait_until(Duration::from_secs(10), || {
        (mode_changes_with(&var, "REST_LATENCY_DEGRADE") >= 1).then_some(())
    });
    assert!(degraded.is_some(), "{}", var.log_text("marketdata"));
    assert_eq!(
        wait_mode(&panel, "NORMAL", Duration::from_secs(20)).as_deref(),
        Some("NORMAL"),
        "{}",
        var.log_text("marketdata")
    );
    stop(&mut launcher);
}

#[test]
fn block_stops_an_entry_a_risky_modify_is_refused_and_a_conservative_one_reaches_risk() {
    let var = TestVar::new();
    tune_config_with(&var, &[("ai_dec", "1")]);
    std::fs::create_dir_all(var.path().join("sim")).unwrap();
    std::fs::write(
        var.path().join("sim").join("openai-stub.json"),
        r#"{"replies":["block","modify_risky","modify_conservative"]}"#,
    )
    .unwrap();
    let mut launcher = var.launch(&["--sim", "--duration", "60"]);
    var.wait_for_panel(Duration::from_secs(30));
    let proposed = wait_until(Duration::from_secs(45), || {
        (audit_rows(&var, PROPOSALS_SQL) >= 1).then_some(())
    });
    assert!(
        proposed.is_some(),
        "no proposal: {}",
        var.log_text("strategy")
    );
    let blocked = "SELECT COUNT(*) FROM ai_gate_events WHERE verdict = 'BLOCK'";
    assert!(audit_rows(&var, blocked) >= 1);
    let refused = "SELECT COUNT(*) FROM ai_gate_events \
         WHERE reason_codes LIKE '%AI_MODIFY_RISK_INCREASE%'";
    assert!(audit_rows(&var, refused) >= 1);
    let unmodified = "SELECT COUNT(*) FROM events WHERE source = 'strategy' \
         AND event_type = 'STAGE_CHANGED' AND payload_json LIKE '%PROPOSAL_%' \
         AND payload_json NOT LIKE '%\"modify_applied\":true%'";
    assert_eq!(audit_rows(&var, unmodified), 0);
    stop(&mut launcher);
}

const OPENAI_CANARY: &str = "sk-canaryOPENAI3f9d2c71b0e4";

fn files_with_canary(dir: &std::path::Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_with_canary(&path, found);
        } else if path.file_name().is_some_and(|name| name != ".env") {
            let bytes = std::fs::read(&path).unwrap_or_default();
            if bytes
                .windows(OPENAI_CANARY.len())
                .any(|window| window == OPENAI_CANARY.as_bytes())
            {
                found.push(path.display().to_string());
            }
        }
    }
}

#[test]
fn a_canary_openai_key_is_loaded_but_appears_in_no_log_audit_row_or_stub_call() {
    let var = TestVar::new();
    tune_config(&var);
    std::fs::write(
        var.path().join(".env"),
        format!("OPENAI_API_KEY={OPENAI_CANARY}\n"),
    )
    .unwrap();
    let mut launcher = var.launch(&["--sim", "--duration", "40"]);
    var.wait_for_panel(Duration::from_secs(30));
    let called = wait_until(Duration::from_secs(35), || {
        (audit_rows(&var, "SELECT COUNT(*) FROM ai_gate_events") >= 1).then_some(())
    });
    assert!(called.is_some(), "gate never called");
    assert!(var.log_text("strategy").contains("OpenAI key loaded"));
    stop(&mut launcher);
    let mut found = Vec::new();
    files_with_canary(var.path(), &mut found);
    assert!(found.is_empty(), "OpenAI canary found in {found:?}");
}
