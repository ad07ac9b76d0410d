#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use livespot_domain::SysMode;
use serde_json::Value;
use support::seed::{BASE_TS, Ids, NO_IDS, append_events, event};
use support::{fixture, get, get_json};

fn codes(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn header_shows_mode_sys_mode_since_reasons_stage_and_ids() {
    let fixture = fixture(true);
    fixture.mode.send(SysMode::Degrade).unwrap();
    let summary = get_json(fixture.app(), "/api/summary").await["data"].clone();
    assert_eq!(summary["mode"], "SIM");
    assert_eq!(summary["venue_clock_scale"], 240);
    assert_eq!(summary["sys_mode"], "DEGRADE");
    assert_eq!(summary["since_ms"], BASE_TS + 4_000);
    let reasons = codes(&summary["active_reason_codes"]);
    assert!(reasons.contains(&"WS_STALE_DEGRADE"), "{reasons:?}");
    assert!(reasons.contains(&"DISK_LOW_PAUSE"), "{reasons:?}");
    assert!(
        !reasons.contains(&"EDGE_BELOW_MIN"),
        "a cleared alert stays active"
    );
    assert_eq!(summary["stage"], "DEEP_SCAN");
    assert_eq!(summary["run_id"], "run-1");
    assert_eq!(summary["cycle_id"], "cyc-1");
    assert_eq!(summary["decision_id"], "dec-1");
}

#[tokio::test]
async fn header_keeps_the_last_traced_decision_when_newer_decisions_carry_no_id() {
    let fixture = fixture(true);
    let no_signal = Ids {
        cycle: Some("cyc-2"),
        snapshot: Some("snap-2"),
        ..NO_IDS
    };
    let later = event(
        "strategy",
        3,
        "DECISION",
        &no_signal,
        &["SIGNAL_NONE"],
        r#"{"symbol":"ETHUSDT","entry":false}"#,
    );
    append_events(fixture.var_dir(), &[later]);
    let market = get_json(fixture.app(), "/api/market").await["data"].clone();
    assert!(market["decisions"][0]["decision_id"].is_null());
    let summary = get_json(fixture.app(), "/api/summary").await["data"].clone();
    assert_eq!(summary["decision_id"], "dec-1");
}

#[tokio::test]
async fn a_mode_back_to_normal_keeps_no_cleared_reason_active_and_names_the_launcher_stage() {
    let fixture = fixture(true);
    let recovered = [
        (
            "ALERT_CLEARED",
            &["WS_STALE_DEGRADE"][..],
            r#"{"detail":"two consecutive clean cycles","process":"marketdata"}"#,
        ),
        (
            "MODE_CHANGED",
            &["WS_STALE_DEGRADE", "ALERT_CLEARED"][..],
            r#"{"detail":"DEGRADE -> NORMAL","process":"launch"}"#,
        ),
        (
            "STAGE_CHANGED",
            &["STAGE_CHANGED"][..],
            r#"{"detail":"mode NORMAL","process":"launch"}"#,
        ),
    ];
    let events: Vec<_> = recovered
        .iter()
        .zip(5..)
        .map(|((kind, codes, payload), seq)| event("launch", seq, kind, &NO_IDS, codes, payload))
        .collect();
    append_events(fixture.var_dir(), &events);
    let summary = get_json(fixture.app(), "/api/summary").await["data"].clone();
    assert_eq!(summary["sys_mode"], "NORMAL");
    assert_eq!(summary["since_ms"], BASE_TS + 6_000);
    assert_eq!(codes(&summary["active_reason_codes"]), ["DISK_LOW_PAUSE"]);
    assert_eq!(
        summary["stage"], "DEEP_SCAN",
        "the header keeps the last pipeline stage over the launcher's mode note"
    );
    let timeline = get_json(fixture.app(), "/api/timeline").await["data"].clone();
    assert_eq!(timeline[0]["stage"], "LAUNCH");
    assert_eq!(timeline[0]["summary"], "mode NORMAL");
}

#[tokio::test]
async fn since_is_unknown_when_the_store_has_not_seen_the_current_mode() {
    let fixture = fixture(true);
    let summary = get_json(fixture.app(), "/api/summary").await["data"].clone();
    assert_eq!(summary["sys_mode"], "NORMAL");
    assert!(summary["since_ms"].is_null());
}

#[tokio::test]
async fn alerts_carry_policy_severity_counts_and_a_toast() {
    let fixture = fixture(true);
    let body = get_json(fixture.app(), "/api/alerts").await["data"].clone();
    assert_eq!(body["toast"]["CRIT"], 1);
    assert_eq!(body["toast"]["WARN"], 1);
    assert_eq!(body["toast"]["INFO"], 0);
    let alerts = body["alerts"].as_array().unwrap();
    assert_eq!(alerts[0]["reason_code"], "DISK_LOW_PAUSE");
    assert_eq!(alerts[0]["severity"], "CRIT");
    let stale = &alerts[1];
    assert_eq!(stale["reason_code"], "WS_STALE_DEGRADE");
    assert_eq!(stale["severity"], "WARN");
    assert_eq!(stale["count"], 2);
    assert_eq!(stale["stage"], "DEEP_SCAN");
    assert_eq!(stale["last_ts_ms"], BASE_TS + 2_000);
}

#[tokio::test]
async fn timeline_lists_stage_changes_newest_first_with_symbol_and_summary() {
    let fixture = fixture(true);
    let stages = get_json(fixture.app(), "/api/timeline").await["data"].clone();
    let stages = stages.as_array().unwrap();
    assert_eq!(stages.len(), 2, "MODE_CHANGED is not a stage");
    assert_eq!(stages[0]["stage"], "DEEP_SCAN");
    assert_eq!(stages[0]["symbol"], "BTCUSDT");
    assert_eq!(stages[0]["decision_id"], "dec-1");
    assert_eq!(stages[1]["summary"], "spawning children");
}

#[tokio::test]
async fn health_reports_disk_level_writer_state_and_sparkline_series() {
    let fixture = fixture(true);
    let health = get_json(fixture.app(), "/api/health").await["data"].clone();
    assert_eq!(health["disk_level"], "OK");
    assert_eq!(health["queue_pct"], 80);
    assert_eq!(health["writer_state"], "HIGH");
    assert_eq!(
        health["wal_bytes_series"],
        serde_json::json!([4096, 8192, 12288])
    );
    assert_eq!(
        health["db_bytes_series"],
        serde_json::json!([100_000, 101_000, 102_000])
    );
    assert_eq!(health["events_per_min"], 120);
}

#[tokio::test]
async fn execution_pins_sent_unknown_and_grades_the_last_reconcile() {
    let fixture = fixture(true);
    let exec = get_json(fixture.app(), "/api/execution").await["data"].clone();
    let states = exec["intents_by_state"].as_array().unwrap();
    assert_eq!(states[0]["state"], "SENT_UNKNOWN");
    assert_eq!(states[0]["pinned"], true);
    assert_eq!(states[0]["count"], 1);
    assert!(
        states
            .iter()
            .any(|s| s["state"] == "CONFIRMED" && s["count"] == 1)
    );
    assert_eq!(exec["sent_unknown"][0]["order_intent_id"], "oi-2");
    assert_eq!(exec["last_reconcile"]["drift"], "BAD");
    assert_eq!(exec["last_reconcile"]["duration_ms"], 85);
    assert_eq!(exec["recent_diffs"][0]["order_intent_id"], "oi-1");
    assert_eq!(exec["churn"]["counts"]["orders_60s"], 1);
    assert_eq!(exec["churn"]["near_limit"], false);
}

#[tokio::test]
async fn decision_trace_walks_snapshot_to_reconcile() {
    let fixture = fixture(true);
    let trace = get_json(fixture.app(), "/api/trace/decision/dec-1").await["data"].clone();
    for (step, expected) in [
        ("snapshots", 1),
        ("decision", 1),
        ("ai_gate", 1),
        ("risk", 1),
        ("intents", 3),
        ("orders", 1),
        ("fills", 1),
        ("positions", 1),
        ("reconcile", 1),
    ] {
        let found = trace["steps"][step].as_array().unwrap().len();
        assert_eq!(found, expected, "{step}");
    }
    assert_eq!(trace["steps"]["decision"][0]["payload"]["regime"], "TREND");
    let by_intent = get_json(fixture.app(), "/api/trace/intent/oi-1").await["data"].clone();
    assert_eq!(by_intent["decision_id"], "dec-1");
    assert_eq!(by_intent["events"], trace["events"]);
    let missing = get_json(fixture.app(), "/api/trace/decision/dec-404").await["data"].clone();
    assert_eq!(missing["events"], 0);
}

#[tokio::test]
async fn tabs_filter_orders_and_summarise_the_ai_gate() {
    let fixture = fixture(true);
    let orders = get_json(fixture.app(), "/api/orders?symbol=ethusdt").await["data"].clone();
    assert_eq!(orders["intents"].as_array().unwrap().len(), 1);
    assert_eq!(orders["orders"].as_array().unwrap().len(), 0);
    let all = get_json(fixture.app(), "/api/orders").await["data"].clone();
    assert_eq!(all["fills"][0]["price"], "50000.10");
    let ai = get_json(fixture.app(), "/api/aigate").await["data"].clone();
    assert_eq!(ai["verdict_counts"][0]["verdict"], "ALLOW");
    assert_eq!(ai["fail_closed"], false);
    assert_eq!(ai["calls"][0]["payload"]["latency_ms"], 420);
    let market = get_json(fixture.app(), "/api/market").await["data"].clone();
    assert_eq!(market["snapshots"][0]["symbol"], "BTCUSDT");
    assert_eq!(market["decisions"][0]["payload"]["score"], 8123);
    assert_eq!(market["signals"][0]["trend_score_x10000"], 8123);
    assert_eq!(market["signals"][0]["regime"], "TREND");
    let topn = get_json(fixture.app(), "/api/topn").await["data"].clone();
    assert_eq!(topn["DEEP_SCAN"][0]["stage"], "DEEP_SCAN");
    assert!(topn["RANK"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn metrics_expose_mode_reasons_queue_intents_weight_and_staleness() {
    let fixture = fixture(true);
    fixture.mode.send(SysMode::Degrade).unwrap();
    let (_, headers, text) = get(fixture.app(), "/metrics").await;
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    for line in [
        "livespot_mode{mode=\"SIM\"} 1",
        "livespot_sys_mode{sys_mode=\"DEGRADE\"} 1",
        "livespot_reason_code_active{code=\"WS_STALE_DEGRADE\"} 1",
        "livespot_audit_queue_pct 80",
        "livespot_audit_lag_ms 12",
        "livespot_intents{state=\"SENT_UNKNOWN\"} 1",
        "livespot_rest_weight_used{source=\"marketdata\"} 37",
        "livespot_ws_staleness_ms{source=\"marketdata\"} 250",
        "livespot_alerts_active{severity=\"CRIT\"} 1",
    ] {
        assert!(
            text.lines().any(|found| found == line),
            "missing {line} in\n{text}"
        );
    }
}
