mod common;

use std::time::Duration;

use common::{EXECUTOR_ACCEPTS, GUARD, limits, run_id};
use livespot_domain::{ProcessRole, ReasonCode};
use livespot_ipc::{Endpoint, Listener, RetryPolicy, RunSecrets, connect, connect_with_retry};

#[tokio::test]
async fn connector_started_before_the_listener_gets_through() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(dir.path(), &run_id(), ProcessRole::Executor);
    let risk = secrets.keys_for(ProcessRole::Risk, &[]);
    assert!(connect(&endpoint, &risk, limits()).await.is_err());
    let policy = RetryPolicy {
        attempts: 200,
        initial_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    };
    let client = {
        let endpoint = endpoint.clone();
        tokio::spawn(async move { connect_with_retry(&endpoint, &risk, limits(), policy).await })
    };
    let executor = secrets.keys_for(ProcessRole::Executor, &EXECUTOR_ACCEPTS);
    let mut listener =
        Listener::bind(endpoint, EXECUTOR_ACCEPTS.to_vec(), executor, limits()).unwrap();
    let connection = tokio::time::timeout(GUARD, client)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(connection.peer(), ProcessRole::Executor);
    let served = tokio::time::timeout(GUARD, listener.accept())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(served.peer(), ProcessRole::Risk);
}

#[tokio::test]
async fn authentication_failures_are_not_retried() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::executor_listener(dir.path());
    let stranger = RunSecrets::generate(run_id()).keys_for(ProcessRole::Risk, &[]);
    let policy = RetryPolicy {
        attempts: 1_000_000,
        initial_delay: Duration::from_mins(1),
        max_delay: Duration::from_mins(1),
    };
    let outcome = tokio::time::timeout(
        GUARD,
        connect_with_retry(&fixture.endpoint, &stranger, limits(), policy),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.unwrap_err().reason_code(),
        ReasonCode::IpcAuthFailed
    );
}

#[cfg(unix)]
#[tokio::test]
async fn socket_path_over_the_platform_limit_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("d".repeat(100));
    let endpoint = Endpoint::for_role(&deep, &run_id(), ProcessRole::Marketdata);
    let keys = RunSecrets::generate(run_id()).keys_for(ProcessRole::Marketdata, &[]);
    let refused = Listener::bind(endpoint, vec![], keys, limits()).unwrap_err();
    assert_eq!(refused.reason_code(), ReasonCode::IpcBindFailed);
    assert!(refused.to_string().contains("the limit is"), "{refused}");
}

#[cfg(unix)]
#[tokio::test]
async fn restarted_listener_reclaims_a_stale_socket_file() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(dir.path(), &run_id(), ProcessRole::Executor);
    let executor = secrets.keys_for(ProcessRole::Executor, &EXECUTOR_ACCEPTS);
    std::fs::create_dir_all(endpoint.run_dir()).unwrap();
    let private = std::os::unix::fs::PermissionsExt::from_mode(0o700);
    std::fs::set_permissions(endpoint.run_dir(), private).unwrap();
    drop(std::os::unix::net::UnixListener::bind(endpoint.socket_path()).unwrap());
    assert!(
        endpoint.socket_path().exists(),
        "a crashed listener leaves its socket file"
    );
    let mut listener = Listener::bind(
        endpoint.clone(),
        EXECUTOR_ACCEPTS.to_vec(),
        executor,
        limits(),
    )
    .unwrap();
    let risk = secrets.keys_for(ProcessRole::Risk, &[]);
    tokio::time::timeout(GUARD, connect(&endpoint, &risk, limits()))
        .await
        .unwrap()
        .unwrap();
    let served = tokio::time::timeout(GUARD, listener.accept())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(served.peer(), ProcessRole::Risk);
}

#[tokio::test]
async fn listener_refuses_keys_of_another_role() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(dir.path(), &run_id(), ProcessRole::Executor);
    let risk_keys = secrets.keys_for(ProcessRole::Risk, &[]);
    let refused = Listener::bind(endpoint, vec![], risk_keys, limits()).unwrap_err();
    assert_eq!(refused.reason_code(), ReasonCode::IpcBindFailed);
}
