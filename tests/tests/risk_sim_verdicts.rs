#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::time::Duration;

use launch_support::{TestVar, stop_launcher, wait_until};
use serde_json::Value;

fn tuned_line(line: &str) -> Option<String> {
    let key = line.split('=').next()?.trim();
    Some(match key {
        "kline_interval" => "kline_interval = \"1m\"".to_owned(),
        "min_quote_volume_24h" => "min_quote_volume_24h = \"0\"".to_owned(),
        "publish_interval_ms" => "publish_interval_ms = 500".to_owned(),
        "strategy_cycle_interval_ms" => "strategy_cycle_interval_ms = 1000".to_owned(),
        "kline_backfill" => "kline_backfill = 120".to_owned(),
        "regime_min_volatility_bps" => "regime_min_volatility_bps = \"0.5\"".to_owned(),
        "maker_fee_bps" => "maker_fee_bps = \"0\"".to_owned(),
        "taker_fee_bps" => "taker_fee_bps = \"0\"".to_owned(),
        "min_edge_bps" => "min_edge_bps = \"0\"".to_owned(),
        "expected_slippage_bps" => "expected_slippage_bps = \"0\"".to_owned(),
        _ => return None,
    })
}

fn tune_config(var: &TestVar) {
    let text = std::fs::read_to_string(&var.config).unwrap();
    let tuned: Vec<String> = text
        .lines()
        .map(|line| tuned_line(line).unwrap_or_else(|| line.to_owned()))
        .collect();
    std::fs::write(&var.config, tuned.join("\n")).unwrap();
}

fn risk_verdicts(var: &TestVar) -> Vec<Value> {
    var.audit_trail()
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["event_type"] == "RISK_VERDICT")
        .collect()
}

fn assert_well_formed(verdict: &Value) {
    assert_eq!(verdict["source"], "risk", "{verdict}");
    let decision = verdict["decision_id"].as_str().unwrap_or_default();
    assert!(!decision.is_empty(), "{verdict}");
    let inner = &verdict["payload"]["verdict"];
    let outcome = inner["Entry"]["outcome"]
        .as_str()
        .or_else(|| inner["Reduce"]["outcome"].as_str())
        .unwrap_or_default();
    assert!(matches!(outcome, "APPROVE" | "BLOCK"), "{verdict}");
    if outcome == "BLOCK" {
        assert!(
            verdict["reason_codes"]
                .as_array()
                .is_some_and(|codes| !codes.is_empty()),
            "{verdict}"
        );
        assert!(verdict["order_intent_id"].is_null(), "{verdict}");
    }
}

#[test]
fn strategy_proposals_get_audited_risk_verdicts_and_unknown_account_state_never_approves() {
    let var = TestVar::new();
    tune_config(&var);
    let mut launcher = var.launch(&["--sim", "--duration", "60"]);
    var.wait_for_panel(Duration::from_secs(30));
    let verdicts = wait_until(Duration::from_secs(40), || {
        let verdicts = risk_verdicts(&var);
        (!verdicts.is_empty()).then_some(verdicts)
    })
    .unwrap_or_else(|| panic!("no RISK_VERDICT: {}", var.log_text("risk")));
    let risk_log = var.log_text("risk");
    assert!(risk_log.contains("connected to the executor"), "{risk_log}");
    assert!(risk_log.contains("subscribed"), "{risk_log}");
    for verdict in &verdicts {
        assert_well_formed(verdict);
    }
    if !risk_log.contains("RISK_ACCOUNT_STATE_FIRST") {
        for verdict in &verdicts {
            assert_eq!(verdict["reason_codes"][0], "RISK_STALE_DATA", "{verdict}");
        }
    }
    stop_launcher(&mut launcher);
}
