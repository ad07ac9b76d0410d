#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "integration test steps fail the test loudly"
)]

mod common;

use common::{GUARD, executor_listener, limits};
use livespot_domain::{CorrelationIds, ProcessRole, ReasonCode};
use livespot_ipc::{
    Envelope, Payload, connect, connector_handshake, open_raw_stream, read_frame, write_frame,
};
use tokio::io::AsyncWriteExt;

async fn within<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(GUARD, future)
        .await
        .expect("bounded test step hung")
}

async fn send_raw_then_close(fixture: &common::Fixture, bytes: &[u8]) {
    let mut stream = within(open_raw_stream(&fixture.endpoint)).await.unwrap();
    let challenge = within(read_frame(&mut stream, limits().frame))
        .await
        .unwrap();
    assert!(
        challenge.is_some(),
        "listener speaks first with its challenge"
    );
    stream.write_all(bytes).await.unwrap();
    stream.flush().await.unwrap();
    drop(stream);
}

async fn assert_still_serving(fixture: &mut common::Fixture) {
    let keys = fixture.keys(ProcessRole::Risk);
    let mut client = within(connect(&fixture.endpoint, &keys, limits()))
        .await
        .unwrap();
    let mut server = within(fixture.listener.accept()).await.unwrap();
    client
        .send(CorrelationIds::default(), Payload::CycleClean)
        .await
        .unwrap();
    let envelope = within(server.read_envelope()).await.unwrap().unwrap();
    assert_eq!(envelope.payload, Payload::CycleClean);
}

#[tokio::test]
async fn unauthenticated_garbage_oversize_and_torn_frames_are_reported_and_survived() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let mut rejections = fixture.listener.take_rejections().unwrap();
    let mut torn = 100_u32.to_le_bytes().to_vec();
    torn.extend_from_slice(&[1; 10]);
    let cases: [(&[u8], ReasonCode); 4] = [
        (
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            ReasonCode::IpcFrameTooLarge,
        ),
        (&[3, 0, 0, 0, 0xFF, 0xFF, 0xFF], ReasonCode::IpcDecodeFailed),
        (&u32::MAX.to_le_bytes(), ReasonCode::IpcFrameTooLarge),
        (&torn, ReasonCode::IpcTornFrame),
    ];
    for (bytes, reason) in cases {
        send_raw_then_close(&fixture, bytes).await;
        let rejection = within(rejections.recv()).await.unwrap();
        assert_eq!(rejection.reason, reason, "{rejection:?}");
        assert_still_serving(&mut fixture).await;
    }
}

#[tokio::test]
async fn authenticated_peer_sending_garbage_gets_a_reason_and_others_continue() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let keys = fixture.keys(ProcessRole::Risk);
    let mut raw = within(open_raw_stream(&fixture.endpoint)).await.unwrap();
    within(connector_handshake(
        &mut raw,
        &keys,
        ProcessRole::Executor,
        limits().handshake_timeout,
    ))
    .await
    .unwrap();
    let mut server = within(fixture.listener.accept()).await.unwrap();
    raw.write_all(&u32::MAX.to_le_bytes()).await.unwrap();
    let error = within(server.read_envelope()).await.unwrap_err();
    assert_eq!(error.reason_code(), ReasonCode::IpcFrameTooLarge);
    assert!(!error.connection_still_aligned());
    raw.write_all(&[0; 8]).await.unwrap();
    let again = within(server.read_envelope()).await.unwrap_err();
    assert_eq!(again.reason_code(), ReasonCode::IpcFrameTooLarge);
    assert_still_serving(&mut fixture).await;
}

#[tokio::test]
async fn envelope_claiming_another_sender_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let keys = fixture.keys(ProcessRole::Risk);
    let mut raw = within(open_raw_stream(&fixture.endpoint)).await.unwrap();
    within(connector_handshake(
        &mut raw,
        &keys,
        ProcessRole::Executor,
        limits().handshake_timeout,
    ))
    .await
    .unwrap();
    let mut server = within(fixture.listener.accept()).await.unwrap();
    let spoofed = Envelope::new(
        ProcessRole::Launch,
        1,
        0,
        CorrelationIds::default(),
        Payload::CycleClean,
    );
    write_frame(&mut raw, &spoofed.encode().unwrap(), limits().frame)
        .await
        .unwrap();
    let error = within(server.read_envelope()).await.unwrap_err();
    assert_eq!(error.reason_code(), ReasonCode::IpcAuthFailed);
}

#[tokio::test]
async fn repeated_sequence_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = executor_listener(dir.path());
    let keys = fixture.keys(ProcessRole::Risk);
    let mut client = within(connect(&fixture.endpoint, &keys, limits()))
        .await
        .unwrap();
    let mut server = within(fixture.listener.accept()).await.unwrap();
    let envelope = Envelope::new(
        ProcessRole::Risk,
        7,
        0,
        CorrelationIds::default(),
        Payload::CycleClean,
    );
    client.write_envelope(&envelope).await.unwrap();
    client.write_envelope(&envelope).await.unwrap();
    assert_eq!(
        within(server.read_envelope()).await.unwrap().unwrap().seq,
        7
    );
    let error = within(server.read_envelope()).await.unwrap_err();
    assert_eq!(error.reason_code(), ReasonCode::IpcContractViolation);
}

#[cfg(unix)]
#[tokio::test]
async fn run_dir_is_private_and_a_loose_one_is_refused() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let fixture = executor_listener(dir.path());
    let mode = std::fs::metadata(fixture.endpoint.run_dir())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
    assert!(fixture.endpoint.socket_path().ends_with("executor.sock"));
    drop(fixture);
    let loose = tempfile::tempdir().unwrap();
    let run_dir = loose.path().join("run").join(common::run_id().as_str());
    std::fs::create_dir_all(&run_dir).unwrap();
    std::fs::set_permissions(&run_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let endpoint =
        livespot_ipc::Endpoint::for_role(loose.path(), &common::run_id(), ProcessRole::Executor);
    let secrets = livespot_ipc::RunSecrets::generate(common::run_id());
    let keys = secrets.keys_for(ProcessRole::Executor, &common::EXECUTOR_ACCEPTS);
    let refused = livespot_ipc::Listener::bind(endpoint, vec![ProcessRole::Risk], keys, limits());
    assert_eq!(
        refused.unwrap_err().reason_code(),
        ReasonCode::IpcRunDirInsecure
    );
}
