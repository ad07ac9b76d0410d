#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod audit_support;

use std::time::Duration;

use audit_support::{AuditVar, PRODUCERS, count, event, trail_lines_without};
use livespot_runtime::ChildReport;
use tokio_util::sync::CancellationToken;

const SELF_EVENTS: &str = "\"sender\":\"audit\"";

async fn send_and_wait(var: &AuditVar, per_producer: u64) {
    let shutdown = CancellationToken::new();
    let clients: Vec<_> = PRODUCERS
        .iter()
        .map(|role| (*role, var.client(*role, &shutdown)))
        .collect();
    for (role, client) in &clients {
        for index in 0..per_producer {
            client.record(event(*role, index)).unwrap();
        }
    }
    var.wait_all_acked(&clients, per_producer).await;
    shutdown.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_from_several_producers_land_once_in_store_and_trail_and_verify() {
    let var = AuditVar::new(&[]);
    let audit = var.start();
    send_and_wait(&var, 500).await;
    assert_eq!(audit.stop(), Some(0));
    let producer_rows = "SELECT count(*) FROM events WHERE sender != 'audit'";
    assert_eq!(count(var.path(), producer_rows), 2000);
    assert_eq!(
        count(
            var.path(),
            "SELECT count(DISTINCT sender || ':' || seq) FROM events WHERE sender != 'audit'"
        ),
        2000
    );
    assert_eq!(trail_lines_without(var.path(), SELF_EVENTS), 2000);
    let (code, text) = var.verify();
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("OK"), "{text}");
}

async fn store_with_events() -> AuditVar {
    let var = AuditVar::new(&[]);
    let audit = var.start();
    send_and_wait(&var, 50).await;
    assert_eq!(audit.stop(), Some(0));
    var
}

fn tamper(var: &AuditVar, sql: &str) {
    let conn = rusqlite::Connection::open(livespot_audit::audit_db_path(var.path())).unwrap();
    assert_eq!(conn.execute(sql, []).unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_command_names_a_single_altered_row() {
    let var = store_with_events().await;
    tamper(
        &var,
        "UPDATE events SET payload_json = '{\"index\":999}' WHERE event_id = 42",
    );
    let (code, text) = var.verify();
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("AUDIT_CHAIN_ROW_ALTERED") && text.contains("event_id 42"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_command_names_a_single_deleted_row() {
    let var = store_with_events().await;
    tamper(&var, "DELETE FROM events WHERE event_id = 77");
    let (code, text) = var.verify();
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("AUDIT_CHAIN_ROW_MISSING") && text.contains("event_id 77"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_thresholds_forced_by_config_report_degrade_then_pause_and_alert() {
    let var = AuditVar::new(&[
        ("degrade_free_mib", "1048576"),
        ("pause_free_mib", "1048575"),
    ]);
    let audit = var.start();
    let mut raised = Vec::new();
    while raised.len() < 2 {
        let report = audit.reports.recv_timeout(Duration::from_secs(20)).unwrap();
        if let ChildReport::ConditionRaised { reason, .. } = report {
            raised.push(reason.as_str().to_owned());
        }
    }
    assert_eq!(raised, vec!["DISK_LOW_DEGRADE", "DISK_LOW_PAUSE"]);
    assert_eq!(audit.stop(), Some(0));
    let alerts = "SELECT count(*) FROM alerts WHERE raised = 1 AND code IN ('DISK_LOW_DEGRADE', 'DISK_LOW_PAUSE') \
                  AND reason_codes LIKE '%ALERT_RAISED%'";
    assert_eq!(count(var.path(), alerts), 2);
    assert!(
        count(
            var.path(),
            "SELECT count(*) FROM process_health WHERE source = 'audit' AND disk_free_bytes > 0"
        ) >= 1
    );
}
