#![expect(clippy::unwrap_used, clippy::panic, reason = "test setup fails loudly")]
#![allow(
    dead_code,
    reason = "each test file uses a different subset of the helpers"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use livespot_audit::{
    AuditWriter, CheckpointPolicy, EventIds, EventRecord, audit_db_path, migrate_store,
};
use livespot_doctor::{
    CheckResult, CheckStatus, DoctorInputs, FixedSecrets, Report, run_checklist,
};
use livespot_runtime::SecretName;
use livespot_venue::{AccountSpec, Permissions, SimHandle, SimOptions};
use tempfile::TempDir;

pub const API_KEY: &str = "doctorTestKey1";
pub const API_SECRET: &str = "doctor-test-secret";
pub const EVENTS_WRITTEN: u64 = 12;

pub struct Setup {
    pub dir: TempDir,
    pub inputs: DoctorInputs,
    pub sim: Option<SimHandle>,
}

impl Setup {
    pub fn var(&self) -> PathBuf {
        self.dir.path().join("var")
    }

    pub async fn report(&self) -> Report {
        run_checklist(&self.inputs).await
    }

    pub async fn stop(self) {
        if let Some(sim) = self.sim {
            sim.shutdown().await;
        }
    }
}

pub fn permissions(withdrawals: bool) -> Permissions {
    Permissions {
        ip_restrict: true,
        enable_spot_and_margin_trading: true,
        enable_withdrawals: withdrawals,
        ..Permissions::default()
    }
}

pub async fn spawn_sim(permissions: Permissions) -> SimHandle {
    livespot_venue::spawn(SimOptions {
        accounts: vec![AccountSpec {
            api_key: API_KEY.to_owned(),
            api_secret: API_SECRET.to_owned(),
            balances: std::collections::BTreeMap::new(),
            permissions: Some(permissions),
        }],
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

fn small_disk_config() -> String {
    livespot_config::SHIPPED_CONFIG_TEXT
        .replacen("degrade_free_mib = 2048", "degrade_free_mib = 2", 1)
        .replacen("pause_free_mib = 512", "pause_free_mib = 1", 1)
}

fn record(seq: u64) -> EventRecord {
    EventRecord {
        sender: "strategy".to_owned(),
        seq,
        event_type: "DECISION".to_owned(),
        ts_ms: 1_764_028_700_000 + i64::try_from(seq).unwrap() * 1000,
        source: "strategy".to_owned(),
        ids: EventIds {
            run_id: Some("run-1".to_owned()),
            cycle_id: Some(format!("cycle-{seq}")),
            snapshot_id: None,
            decision_id: Some(format!("dec-{seq}")),
            order_intent_id: None,
        },
        reason_codes: Vec::new(),
        payload_json: r#"{"symbol":"ETHUSDT"}"#.to_owned(),
    }
}

pub fn write_store(var: &Path) {
    migrate_store(&audit_db_path(var)).unwrap();
    let mut writer = AuditWriter::open(var, CheckpointPolicy::default()).unwrap();
    let batch: Vec<_> = (1..=EVENTS_WRITTEN).map(record).collect();
    writer.write_batch(&batch).unwrap();
}

pub fn write_endpoints(var: &Path, venue_json: &str) {
    let text = format!(
        r#"{{"run_id":"run-test","mode":"sim","panel_url":null,"venue":{venue_json},"pids":{{}}}}"#
    );
    std::fs::write(var.join("run").join("endpoints.json"), text).unwrap();
}

pub fn all_secrets() -> FixedSecrets {
    FixedSecrets::default()
        .with(SecretName::BinanceApiKey, API_KEY)
        .with(SecretName::BinanceApiSecret, API_SECRET)
        .with(SecretName::OpenaiApiKey, "sk-test")
}

pub async fn healthy_with(permissions: Permissions) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let var = dir.path().join("var");
    for sub in ["data", "logs", "run"] {
        std::fs::create_dir_all(var.join(sub)).unwrap();
    }
    std::fs::write(var.join("LIVE.ok"), b"approved").unwrap();
    write_store(&var);
    let config = dir.path().join("livespot.toml");
    std::fs::write(&config, small_disk_config()).unwrap();
    let credentials = dir.path().join("credentials.toml");
    std::fs::write(
        &credentials,
        format!("api_key = \"{API_KEY}\"\napi_secret = \"{API_SECRET}\"\n"),
    )
    .unwrap();
    let sim = spawn_sim(permissions).await;
    write_endpoints(&var, &sim.urls_json());
    let mut inputs = DoctorInputs::new(config, &var);
    inputs.dotenv_path = dir.path().join(".env");
    inputs.credentials_file = Some(credentials);
    inputs.env_credentials = false;
    inputs.secrets = Arc::new(all_secrets());
    Setup {
        dir,
        inputs,
        sim: Some(sim),
    }
}

pub async fn healthy() -> Setup {
    healthy_with(permissions(false)).await
}

pub fn check<'a>(report: &'a Report, name: &str) -> &'a CheckResult {
    report
        .check(name)
        .unwrap_or_else(|| panic!("check {name} missing from {report:#?}"))
}

pub fn assert_check(report: &Report, name: &str, status: CheckStatus, reason: &str) {
    let found = check(report, name);
    assert_eq!(
        (found.status, found.reason_code.as_str()),
        (status, reason),
        "{name}: {found:#?}"
    );
    if status == CheckStatus::Fail {
        assert_eq!(report.overall, CheckStatus::Fail);
        assert!(!found.fix.is_empty(), "{name} has no fix line");
    }
}

pub async fn post_admin(sim: &SimHandle, path: &str, body: serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", sim.admin_url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
}
