mod common;

use common::{assert_check, healthy};
use livespot_audit::audit_db_path;
use livespot_doctor::{CheckStatus, exit_status};
use rusqlite::Connection;

#[tokio::test]
async fn a_missing_lock_fails_the_live_checklist() {
    let mut setup = healthy().await;
    std::fs::remove_file(setup.var().join("LIVE.ok")).unwrap();
    setup.inputs.live_checklist = true;
    let report = setup.report().await;
    assert_check(
        &report,
        "live_locks",
        CheckStatus::Fail,
        "LIVE_LOCK_FILE_MISSING",
    );
    assert_eq!(exit_status(&report).code(), 1);
    setup.stop().await;
}

#[tokio::test]
async fn an_altered_event_row_breaks_the_chain() {
    let setup = healthy().await;
    let conn = Connection::open(audit_db_path(&setup.var())).unwrap();
    let changed = conn
        .execute(
            "UPDATE events SET payload_json = '{\"symbol\":\"BTCUSDT\"}' WHERE event_id = 5",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let report = setup.report().await;
    assert_check(
        &report,
        "audit_chain",
        CheckStatus::Fail,
        "AUDIT_CHAIN_BROKEN",
    );
    let detail = &report.check("audit_chain").unwrap().detail;
    assert!(
        detail.contains("AUDIT_CHAIN_ROW_ALTERED") && detail.contains("event_id 5"),
        "{detail}"
    );
    assert_check(
        &report,
        "sqlite_integrity",
        CheckStatus::Pass,
        "DOCTOR_CHECK_PASSED",
    );
    setup.stop().await;
}

#[tokio::test]
async fn a_missing_store_fails_and_points_at_migrate() {
    let setup = healthy().await;
    std::fs::remove_file(audit_db_path(&setup.var())).unwrap();
    let report = setup.report().await;
    assert_check(
        &report,
        "sqlite_open",
        CheckStatus::Fail,
        "DOCTOR_STORE_MISSING",
    );
    assert!(
        report
            .check("sqlite_open")
            .unwrap()
            .fix
            .contains("livespot-migrate")
    );
    setup.stop().await;
}

#[tokio::test]
async fn a_store_behind_the_migrations_fails() {
    let setup = healthy().await;
    let path = audit_db_path(&setup.var());
    std::fs::remove_file(&path).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let report = setup.report().await;
    assert_check(
        &report,
        "migrations",
        CheckStatus::Fail,
        "DOCTOR_MIGRATIONS_PENDING",
    );
    assert!(report.check("audit_chain").is_none());
    setup.stop().await;
}

#[tokio::test]
async fn the_doctor_does_not_write_to_the_store() {
    let setup = healthy().await;
    let path = audit_db_path(&setup.var());
    let before = std::fs::read(&path).unwrap();
    let report = setup.report().await;
    assert_check(
        &report,
        "audit_chain",
        CheckStatus::Pass,
        "DOCTOR_CHECK_PASSED",
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    setup.stop().await;
}

#[cfg(unix)]
#[tokio::test]
async fn an_unwritable_sink_fails() {
    use std::os::unix::fs::PermissionsExt;
    let setup = healthy().await;
    let logs = setup.var().join("logs");
    std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o500)).unwrap();
    if livespot_doctor::checks::sinks::probe_writable(&logs).is_ok() {
        println!(
            "notice: running as a user that can write a 0500 directory (root); making var/logs a regular file instead"
        );
        std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::remove_dir_all(&logs).unwrap();
        std::fs::write(&logs, b"not a directory").unwrap();
    }
    let report = setup.report().await;
    assert_check(
        &report,
        "audit_sinks",
        CheckStatus::Fail,
        "DOCTOR_SINK_UNWRITABLE",
    );
    assert!(report.check("audit_sinks").unwrap().detail.contains("logs"));
    if logs.is_dir() {
        std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    setup.stop().await;
}

#[cfg(unix)]
#[tokio::test]
async fn a_run_directory_open_to_others_fails() {
    use std::os::unix::fs::PermissionsExt;
    let setup = healthy().await;
    let run_dir = setup.var().join("run").join("run-test");
    std::fs::create_dir(&run_dir).unwrap();
    std::fs::set_permissions(&run_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let report = setup.report().await;
    assert_check(
        &report,
        "socket_dirs",
        CheckStatus::Fail,
        "DOCTOR_SOCKET_DIR_NOT_PRIVATE",
    );
    setup.stop().await;
}

#[tokio::test]
async fn plaintext_secrets_in_dotenv_warn() {
    let setup = healthy().await;
    std::fs::write(
        &setup.inputs.dotenv_path,
        "BINANCE_API_KEY=abc\nOPENAI_API_KEY=def\n",
    )
    .unwrap();
    let report = setup.report().await;
    assert_check(
        &report,
        "dotenv",
        CheckStatus::Warn,
        "DOCTOR_DOTENV_SECRETS",
    );
    assert_eq!(report.overall, CheckStatus::Warn);
    assert_eq!(exit_status(&report).code(), 0);
    setup.stop().await;
}

#[tokio::test]
async fn a_bad_config_is_the_only_check_and_exits_3() {
    let setup = healthy().await;
    std::fs::write(&setup.inputs.config_path, "[general]\nnope = 1\n").unwrap();
    let report = setup.report().await;
    assert_eq!(report.checks.len(), 1);
    assert_eq!(report.checks[0].status, CheckStatus::Fail);
    assert!(report.checks[0].reason_code.as_str().starts_with("CONFIG_"));
    assert_eq!(exit_status(&report).code(), 3);
    setup.stop().await;
}
