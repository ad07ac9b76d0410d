use livespot_domain::RunId;

use super::*;
use crate::run_keys::RunSecrets;

fn keys_for(secrets: &RunSecrets, role: ProcessRole) -> RunKeys {
    secrets.keys_for(role, &[ProcessRole::Risk])
}

async fn listener_that_skips_verification<S>(stream: &mut S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let challenge = Challenge {
        protocol_version: PROTOCOL_VERSION,
        listener: ProcessRole::Executor,
        nonce: fresh_nonce(),
    };
    write_message(stream, &challenge, HANDSHAKE_FRAME_LIMITS)
        .await
        .unwrap();
    let _response: Response = expect_message(stream).await.unwrap();
    let forged = ListenerProof {
        mac: [0x5A; MAC_BYTES],
    };
    write_message(stream, &forged, HANDSHAKE_FRAME_LIMITS)
        .await
        .unwrap();
}

#[tokio::test]
async fn connector_refuses_a_listener_that_cannot_prove_the_link_key() {
    let secrets = RunSecrets::generate(RunId::new("run-mutual").unwrap());
    let risk = keys_for(&secrets, ProcessRole::Risk);
    let (mut connector_side, mut listener_side) = tokio::io::duplex(1024);
    let fake = tokio::spawn(async move {
        listener_that_skips_verification(&mut listener_side).await;
    });
    let outcome = connector_handshake(
        &mut connector_side,
        &risk,
        ProcessRole::Executor,
        Duration::from_secs(5),
    )
    .await;
    fake.await.unwrap();
    let error = outcome.unwrap_err();
    assert_eq!(
        error.reason_code(),
        livespot_domain::ReasonCode::IpcAuthFailed
    );
    assert!(error.to_string().contains("did not prove"), "{error}");
}

#[tokio::test]
async fn both_sides_agree_with_the_same_run_secrets() {
    let secrets = RunSecrets::generate(RunId::new("run-agree").unwrap());
    let risk = keys_for(&secrets, ProcessRole::Risk);
    let executor = keys_for(&secrets, ProcessRole::Executor);
    let (mut connector_side, mut listener_side) = tokio::io::duplex(1024);
    let timeout = Duration::from_secs(5);
    let (connected, accepted) = tokio::join!(
        connector_handshake(&mut connector_side, &risk, ProcessRole::Executor, timeout),
        listener_handshake(&mut listener_side, &executor, &[ProcessRole::Risk], timeout),
    );
    connected.unwrap();
    assert_eq!(accepted.unwrap(), ProcessRole::Risk);
}

#[tokio::test]
async fn silent_connector_times_out_with_its_reason() {
    let secrets = RunSecrets::generate(RunId::new("run-silent").unwrap());
    let executor = keys_for(&secrets, ProcessRole::Executor);
    let (_connector_side, mut listener_side) = tokio::io::duplex(1024);
    let failure = listener_handshake(
        &mut listener_side,
        &executor,
        &[ProcessRole::Risk],
        Duration::from_millis(50),
    )
    .await
    .unwrap_err();
    assert_eq!(
        failure.error.reason_code(),
        livespot_domain::ReasonCode::IpcHandshakeTimeout
    );
    assert_eq!(failure.claimed_role, None);
}
