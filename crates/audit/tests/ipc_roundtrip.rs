#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use std::time::Duration;

use common::{count, fresh_writer};
use livespot_audit::{
    AuditClient, AuditLink, MemorySpool, QueueConfig, ServerConfig, WriterService, audit_db_path,
    logs_dir, open_read_only, serve, trail_files, verify_store,
};
use livespot_domain::{AuditEvent, AuditEventType, CorrelationIds, ProcessRole, RunId};
use livespot_ipc::{Endpoint, IpcLimits, Listener, RunSecrets};
use tokio_util::sync::CancellationToken;

const PRODUCERS: [ProcessRole; 3] = [
    ProcessRole::Strategy,
    ProcessRole::Risk,
    ProcessRole::Executor,
];
const EVENTS_PER_PRODUCER: u64 = 300;

fn event(role: ProcessRole, index: u64) -> AuditEvent {
    AuditEvent::new(
        AuditEventType::Decision,
        1_764_000_000_000 + i64::try_from(index).unwrap(),
        role,
        CorrelationIds::for_run(RunId::new("run-ipc").unwrap()),
    )
    .with_payload(&serde_json::json!({"index": index, "role": role.as_str()}))
    .unwrap()
}

struct Harness {
    endpoint: Endpoint,
    secrets: RunSecrets,
    service: WriterService,
    server: tokio::task::JoinHandle<()>,
    shutdown: CancellationToken,
}

fn start(var_dir: &std::path::Path) -> Harness {
    start_with(
        var_dir,
        RunSecrets::generate(RunId::new("run-ipc").unwrap()),
    )
}

fn start_with(var_dir: &std::path::Path, secrets: RunSecrets) -> Harness {
    let run_id = secrets.run_id.clone();
    let endpoint = Endpoint::for_role(var_dir, &run_id, ProcessRole::Audit);
    let keys = secrets.keys_for(ProcessRole::Audit, &PRODUCERS);
    let listener = Listener::bind(
        endpoint.clone(),
        PRODUCERS.to_vec(),
        keys,
        IpcLimits::default(),
    )
    .unwrap();
    let service = WriterService::spawn(fresh_writer(var_dir), QueueConfig::default()).unwrap();
    let shutdown = CancellationToken::new();
    let config = ServerConfig { batch_size: 256 };
    let server = tokio::spawn(serve(listener, service.handle(), config, shutdown.clone()));
    Harness {
        endpoint,
        secrets,
        service,
        server,
        shutdown,
    }
}

impl Harness {
    fn client(&self, role: ProcessRole) -> AuditClient {
        let link = AuditLink {
            endpoint: self.endpoint.clone(),
            keys: self.secrets.keys_for(role, &[]),
            limits: IpcLimits::default(),
        };
        AuditClient::spawn(
            link,
            Box::new(MemorySpool::new(10_000, 1)),
            self.shutdown.clone(),
        )
    }

    async fn stop(self) {
        self.shutdown.cancel();
        self.server.await.unwrap();
        let service = self.service;
        tokio::task::spawn_blocking(move || service.shutdown())
            .await
            .unwrap();
    }
}

fn assert_landed_once(var_dir: &std::path::Path, expected: i64) {
    let conn = open_read_only(&audit_db_path(var_dir)).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM events"), expected);
    assert_eq!(
        count(
            &conn,
            "SELECT count(DISTINCT sender || ':' || seq) FROM events"
        ),
        expected
    );
    assert_eq!(count(&conn, "SELECT count(DISTINCT sender) FROM events"), 3);
    let lines: usize = trail_files(&logs_dir(var_dir))
        .unwrap()
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap().lines().count())
        .sum();
    assert_eq!(i64::try_from(lines).unwrap(), expected);
    assert!(verify_store(&audit_db_path(var_dir)).unwrap().is_intact());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_producers_land_once_in_store_and_trail() {
    let dir = tempfile::tempdir().unwrap();
    let harness = start(dir.path());
    let mut clients = Vec::new();
    for role in PRODUCERS {
        let client = harness.client(role);
        for index in 0..EVENTS_PER_PRODUCER {
            client.record(event(role, index)).unwrap();
        }
        clients.push(client);
    }
    for client in &clients {
        let acked = client.wait_acked(EVENTS_PER_PRODUCER);
        tokio::time::timeout(Duration::from_secs(20), acked)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(client.pending(), 0);
    }
    harness.stop().await;
    assert_landed_once(dir.path(), 900);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_producer_restart_delivers_what_its_durable_spool_kept() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(RunId::new("run-ipc").unwrap());
    let keys = secrets.keys_for(ProcessRole::Executor, &[]);
    let before_crash = CancellationToken::new();
    let first = AuditClient::spawn_durable(
        dir.path(),
        keys.clone(),
        IpcLimits::default(),
        1000,
        before_crash.clone(),
    )
    .unwrap();
    for index in 0..100 {
        first.record(event(ProcessRole::Executor, index)).unwrap();
    }
    before_crash.cancel();
    drop(first);
    let harness = start_with(dir.path(), secrets);
    let restarted = AuditClient::spawn_durable(
        dir.path(),
        keys,
        IpcLimits::default(),
        1000,
        harness.shutdown.clone(),
    )
    .unwrap();
    assert_eq!(restarted.pending(), 100);
    let acked = restarted.wait_acked(100);
    tokio::time::timeout(Duration::from_secs(20), acked)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(restarted.pending(), 0);
    harness.stop().await;
    let conn = open_read_only(&audit_db_path(dir.path())).unwrap();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM events WHERE sender = 'executor'"
        ),
        100
    );
}
