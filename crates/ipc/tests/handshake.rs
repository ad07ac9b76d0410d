#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "integration test steps fail the test loudly"
)]

mod common;

use common::{GUARD, executor_listener, limits, run_id};
use livespot_domain::{CorrelationIds, ProcessRole, ReasonCode};
use livespot_ipc::{Endpoint, Listener, Payload, RunSecrets, connect};

async fn within<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(GUARD, future)
        .await
        .expect("bounded test step hung")
}

#[tokio::test]
async fn right_token_authenticates_both_sides_and_envelopes_flow() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let risk_keys = fixture.keys(ProcessRole::Risk);
    let mut client = within(connect(&fixture.endpoint, &risk_keys, limits()))
        .await
        .unwrap();
    let mut server = within(fixture.listener.accept()).await.unwrap();
    assert_eq!(server.peer(), ProcessRole::Risk);
    assert_eq!(client.peer(), ProcessRole::Executor);
    let seq = client
        .send(CorrelationIds::default(), Payload::CycleClean)
        .await
        .unwrap();
    let received = within(server.read_envelope()).await.unwrap().unwrap();
    assert_eq!(received.seq, seq);
    assert_eq!(received.sender, ProcessRole::Risk);
    assert_eq!(received.payload, Payload::CycleClean);
    server
        .send(
            CorrelationIds::default(),
            Payload::Heartbeat {
                pid: 1,
                uptime_ms: 2,
            },
        )
        .await
        .unwrap();
    let answer = within(client.read_envelope()).await.unwrap().unwrap();
    assert_eq!(answer.sender, ProcessRole::Executor);
    drop(client);
    assert!(within(server.read_envelope()).await.unwrap().is_none());
}

async fn expect_rejection(
    fixture: &mut common::Fixture,
    rejections: &mut tokio::sync::mpsc::Receiver<livespot_ipc::Rejection>,
    keys: &livespot_ipc::RunKeys,
    reason: ReasonCode,
) {
    let attempt = within(connect(&fixture.endpoint, keys, limits())).await;
    assert!(attempt.is_err(), "connector must not be accepted");
    let rejection = within(rejections.recv()).await.unwrap();
    assert_eq!(rejection.reason, reason, "{rejection:?}");
    assert_eq!(rejection.listener, ProcessRole::Executor);
    let good = fixture.keys(ProcessRole::Risk);
    within(connect(&fixture.endpoint, &good, limits()))
        .await
        .unwrap();
    let served = within(fixture.listener.accept()).await.unwrap();
    assert_eq!(served.peer(), ProcessRole::Risk);
}

#[tokio::test]
async fn wrong_token_is_refused_and_the_listener_serves_the_next_client() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let mut rejections = fixture.listener.take_rejections().unwrap();
    let impostor = RunSecrets::generate(run_id()).keys_for(ProcessRole::Risk, &[]);
    expect_rejection(
        &mut fixture,
        &mut rejections,
        &impostor,
        ReasonCode::IpcAuthFailed,
    )
    .await;
}

#[tokio::test]
async fn role_outside_the_allowlist_is_refused_even_with_its_own_valid_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let mut rejections = fixture.listener.take_rejections().unwrap();
    let strategy = fixture.keys(ProcessRole::Strategy);
    expect_rejection(
        &mut fixture,
        &mut rejections,
        &strategy,
        ReasonCode::IpcRoleNotAllowed,
    )
    .await;
}

#[tokio::test]
async fn role_unknown_to_the_listener_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let mut rejections = fixture.listener.take_rejections().unwrap();
    let panel = RunSecrets::generate(run_id()).keys_for(ProcessRole::Panel, &[]);
    expect_rejection(
        &mut fixture,
        &mut rejections,
        &panel,
        ReasonCode::IpcRoleNotAllowed,
    )
    .await;
}

#[tokio::test]
async fn token_of_another_run_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let mut rejections = fixture.listener.take_rejections().unwrap();
    let risk_token = fixture
        .secrets
        .role_tokens
        .get(&ProcessRole::Risk)
        .unwrap()
        .clone();
    let other_run = livespot_domain::RunId::new("run-other").unwrap();
    let replayed = livespot_ipc::RunKeys::new(other_run, ProcessRole::Risk, risk_token);
    expect_rejection(
        &mut fixture,
        &mut rejections,
        &replayed,
        ReasonCode::IpcAuthFailed,
    )
    .await;
}

#[tokio::test]
async fn allowlisted_role_without_a_link_key_is_refused_with_key_missing() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(dir.path(), &run_id(), ProcessRole::Executor);
    let keys = secrets.keys_for(ProcessRole::Executor, &[ProcessRole::Risk]);
    let allowlist = vec![ProcessRole::Risk, ProcessRole::Strategy];
    let mut listener = Listener::bind(endpoint.clone(), allowlist, keys, limits()).unwrap();
    let mut rejections = listener.take_rejections().unwrap();
    let strategy = secrets.keys_for(ProcessRole::Strategy, &[]);
    assert!(
        within(connect(&endpoint, &strategy, limits()))
            .await
            .is_err()
    );
    let rejection = within(rejections.recv()).await.unwrap();
    assert_eq!(rejection.reason, ReasonCode::IpcKeyMissing);
    assert_eq!(rejection.claimed_role, Some(ProcessRole::Strategy));
    let risk = secrets.keys_for(ProcessRole::Risk, &[]);
    within(connect(&endpoint, &risk, limits())).await.unwrap();
    assert_eq!(
        within(listener.accept()).await.unwrap().peer(),
        ProcessRole::Risk
    );
}
