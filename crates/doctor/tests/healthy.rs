mod common;

use common::{EVENTS_WRITTEN, check, healthy};
use livespot_doctor::{CheckStatus, exit_status};

const EVERY_CHECK: [&str; 15] = [
    "config",
    "live_locks",
    "audit_sinks",
    "var_permissions",
    "socket_dirs",
    "sqlite_open",
    "migrations",
    "sqlite_integrity",
    "audit_chain",
    "secrets",
    "dotenv",
    "venue_reachable",
    "clock_offset",
    "api_key_permissions",
    "disk_free",
];

#[tokio::test]
async fn a_healthy_setup_passes_every_check() {
    let setup = healthy().await;
    let mut live = setup.inputs.clone();
    live.live_checklist = true;
    let report = livespot_doctor::run_checklist(&live).await;
    let names: Vec<&str> = report.checks.iter().map(|c| c.name).collect();
    assert_eq!(names, EVERY_CHECK);
    for result in &report.checks {
        assert_eq!(result.status, CheckStatus::Pass, "{result:#?}");
    }
    assert_eq!(report.overall, CheckStatus::Pass);
    assert_eq!(exit_status(&report).code(), 0);
    assert!(
        check(&report, "audit_chain")
            .detail
            .contains(&format!("{EVENTS_WRITTEN} events"))
    );
    assert_eq!(report.config_hash.as_deref().map(str::len), Some(64));
    assert!(
        check(&report, "venue_reachable")
            .detail
            .contains(&setup.sim.as_ref().unwrap().rest_url)
    );
    setup.stop().await;
}

#[tokio::test]
async fn json_output_parses_and_carries_the_same_statuses() {
    let setup = healthy().await;
    std::fs::remove_file(setup.var().join("LIVE.ok")).unwrap();
    let report = setup.report().await;
    let value: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(value["overall"], report.overall.as_str());
    assert_eq!(value["overall"], "WARN");
    assert_eq!(value["config_hash"], report.config_hash.clone().unwrap());
    let checks = value["checks"].as_array().unwrap();
    assert_eq!(checks.len(), report.checks.len());
    for (json, result) in checks.iter().zip(&report.checks) {
        assert_eq!(json["name"], result.name);
        assert_eq!(json["status"], result.status.as_str());
        assert_eq!(json["reason_code"], result.reason_code.as_str());
        assert_eq!(json["detail"], result.detail.as_str());
        assert_eq!(json["fix"], result.fix.as_str());
    }
    assert_eq!(check(&report, "live_locks").status, CheckStatus::Warn);
    setup.stop().await;
}

#[tokio::test]
async fn the_doctor_never_prints_a_secret() {
    let setup = healthy().await;
    std::fs::write(
        &setup.inputs.dotenv_path,
        format!("BINANCE_API_SECRET={}\n", common::API_SECRET),
    )
    .unwrap();
    let report = setup.report().await;
    let shown = format!(
        "{}{}",
        report.to_json(),
        livespot_doctor::render_table(&report)
    );
    assert!(!shown.contains(common::API_SECRET), "{shown}");
    setup.stop().await;
}
