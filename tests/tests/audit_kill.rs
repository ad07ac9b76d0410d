#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod audit_support;

use audit_support::{AuditVar, PRODUCERS, count, event, trail_lines_without};
use tokio_util::sync::CancellationToken;

const PER_PRODUCER: u64 = 20_000;

fn assert_every_event_once(var: &AuditVar) {
    let total = i64::try_from(PER_PRODUCER).unwrap() * 4;
    assert_eq!(
        count(
            var.path(),
            "SELECT count(*) FROM events WHERE sender != 'audit'"
        ),
        total
    );
    assert_eq!(
        count(
            var.path(),
            "SELECT count(DISTINCT sender || ':' || seq) FROM events WHERE sender != 'audit'"
        ),
        total
    );
    assert_eq!(
        count(
            var.path(),
            "SELECT count(*) FROM events WHERE sender != 'audit' AND seq > 20000"
        ),
        0
    );
    assert_eq!(
        i64::try_from(trail_lines_without(var.path(), "\"sender\":\"audit\"")).unwrap(),
        total
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_load_loses_no_acknowledged_event_and_duplicates_none() {
    let var = AuditVar::new(&[]);
    let audit = var.start();
    let shutdown = CancellationToken::new();
    let clients: Vec<_> = PRODUCERS
        .iter()
        .map(|role| (*role, var.client(*role, &shutdown)))
        .collect();
    for (role, client) in &clients {
        for index in 0..PER_PRODUCER {
            client.record(event(*role, index)).unwrap();
        }
    }
    var.wait_all_acked(&clients[..1], 1_000).await;
    audit.kill_hard();
    let acked_at_kill: Vec<u64> = clients
        .iter()
        .map(|(_, client)| client.acked_through())
        .collect();
    assert!(
        acked_at_kill.iter().any(|acked| *acked < PER_PRODUCER),
        "load finished before the kill: {acked_at_kill:?}"
    );
    let restarted = var.start();
    var.wait_all_acked(&clients, PER_PRODUCER).await;
    shutdown.cancel();
    assert_eq!(restarted.stop(), Some(0));
    assert_every_event_once(&var);
    let (code, text) = var.verify();
    assert_eq!(code, Some(0), "{text}");
}
