#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use common::{EXECUTOR_ACCEPTS, GUARD, run_id};
use livespot_domain::{CorrelationIds, ProcessRole, ReasonCode};
use livespot_ipc::{Connection, Endpoint, IpcLimits, Listener, Payload, RunSecrets, connect};

#[cfg(unix)]
const BIG_FRAME_LIMITS: IpcLimits = IpcLimits {
    frame: livespot_ipc::FrameLimits {
        max_frame_bytes: 8 * 1024 * 1024,
    },
    handshake_timeout: std::time::Duration::from_secs(2),
    max_pending_handshakes: 4,
};

async fn linked_pair(
    var_dir: &std::path::Path,
    limits: IpcLimits,
) -> (Listener, Connection, Connection) {
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(var_dir, &run_id(), ProcessRole::Executor);
    let executor = secrets.keys_for(ProcessRole::Executor, &EXECUTOR_ACCEPTS);
    let mut listener = Listener::bind(
        endpoint.clone(),
        EXECUTOR_ACCEPTS.to_vec(),
        executor,
        limits,
    )
    .unwrap();
    let risk = secrets.keys_for(ProcessRole::Risk, &[]);
    let client = tokio::time::timeout(GUARD, connect(&endpoint, &risk, limits))
        .await
        .unwrap()
        .unwrap();
    let server = tokio::time::timeout(GUARD, listener.accept())
        .await
        .unwrap()
        .unwrap();
    (listener, client, server)
}

fn json_of(bytes: usize) -> Payload {
    Payload::Proposal {
        payload_json: format!("\"{}\"", "x".repeat(bytes)),
    }
}

#[tokio::test]
async fn oversized_outgoing_envelope_is_refused_and_the_link_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let (_listener, mut client, mut server) = linked_pair(dir.path(), common::limits()).await;
    let refused = client
        .send(CorrelationIds::default(), json_of(100 * 1024))
        .await
        .unwrap_err();
    assert_eq!(refused.reason_code(), ReasonCode::IpcFrameTooLarge);
    client
        .send(CorrelationIds::default(), Payload::CycleClean)
        .await
        .unwrap();
    let received = tokio::time::timeout(GUARD, server.read_envelope())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(received.payload, Payload::CycleClean);
}

#[cfg(unix)]
#[tokio::test]
async fn write_cancelled_mid_frame_makes_later_writes_fail_instead_of_corrupting() {
    let dir = tempfile::tempdir().unwrap();
    let (_listener, mut client, _server) = linked_pair(dir.path(), BIG_FRAME_LIMITS).await;
    let blocked = tokio::time::timeout(
        std::time::Duration::from_millis(50),
        client.send(CorrelationIds::default(), json_of(6 * 1024 * 1024)),
    )
    .await;
    assert!(
        blocked.is_err(),
        "the peer does not read, so a 6 MiB frame cannot be fully written"
    );
    let after = client
        .send(CorrelationIds::default(), Payload::CycleClean)
        .await
        .unwrap_err();
    assert_eq!(after.reason_code(), ReasonCode::IpcWriteFailed);
}

#[tokio::test]
async fn frames_already_received_are_read_without_waiting_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (_listener, client, server) = linked_pair(dir.path(), common::limits()).await;
    let (_client_reader, mut client_writer) = client.into_split();
    let (mut reader, _server_writer) = server.into_split();
    assert!(reader.read_buffered_envelope().is_none());
    let items = (0..3)
        .map(|_| (CorrelationIds::default(), Payload::CycleClean))
        .collect();
    client_writer.send_many(items).await.unwrap();
    let first = tokio::time::timeout(GUARD, reader.read_envelope())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let mut seqs = vec![first.seq];
    while let Some(next) = reader.read_buffered_envelope() {
        let envelope = next.unwrap();
        assert_eq!(envelope.payload, Payload::CycleClean);
        seqs.push(envelope.seq);
    }
    assert_eq!(seqs, vec![1, 2, 3]);
}
