use std::time::Duration;

use livespot_domain::ReasonCode;
use livespot_ipc::{
    Envelope, FrameLimits, IpcError, PROTOCOL_VERSION, Payload, read_frame, write_frame,
};
use tokio::io::AsyncWriteExt;

const GUARD: Duration = Duration::from_secs(10);

fn small_limits() -> FrameLimits {
    FrameLimits {
        max_frame_bytes: 1024,
    }
}

#[tokio::test]
async fn frames_round_trip_in_order_then_clean_close_is_none() {
    let (mut client, mut server) = tokio::io::duplex(64);
    let writer = tokio::spawn(async move {
        for body in [b"one".to_vec(), Vec::new(), vec![7_u8; 1000]] {
            write_frame(&mut client, &body, small_limits())
                .await
                .unwrap();
        }
    });
    assert_eq!(
        read_frame(&mut server, small_limits()).await.unwrap(),
        Some(b"one".to_vec())
    );
    assert_eq!(
        read_frame(&mut server, small_limits()).await.unwrap(),
        Some(Vec::new())
    );
    assert_eq!(
        read_frame(&mut server, small_limits()).await.unwrap(),
        Some(vec![7_u8; 1000])
    );
    writer.await.unwrap();
    assert_eq!(read_frame(&mut server, small_limits()).await.unwrap(), None);
}

#[tokio::test]
async fn oversized_length_is_refused_from_the_header_alone() {
    let (mut client, mut server) = tokio::io::duplex(64);
    client.write_all(&u32::MAX.to_le_bytes()).await.unwrap();
    let outcome = tokio::time::timeout(GUARD, read_frame(&mut server, small_limits()))
        .await
        .expect("read_frame waited for a body it must never read");
    let error = outcome.unwrap_err();
    assert_eq!(error.reason_code(), ReasonCode::IpcFrameTooLarge);
    assert!(!error.connection_still_aligned());
    drop(client);
}

#[tokio::test]
async fn writer_refuses_a_body_over_the_maximum() {
    let (mut client, _server) = tokio::io::duplex(64);
    let error = write_frame(&mut client, &[0_u8; 1025], small_limits())
        .await
        .unwrap_err();
    assert_eq!(error.reason_code(), ReasonCode::IpcFrameTooLarge);
}

#[tokio::test]
async fn eof_inside_the_header_is_a_torn_frame() {
    let (mut client, mut server) = tokio::io::duplex(64);
    client.write_all(&[5, 0]).await.unwrap();
    drop(client);
    let error = read_frame(&mut server, small_limits()).await.unwrap_err();
    assert!(matches!(
        error,
        IpcError::TornFrame {
            expected: 4,
            received: 2
        }
    ));
    assert_eq!(error.reason_code(), ReasonCode::IpcTornFrame);
}

#[tokio::test]
async fn eof_inside_the_body_is_a_torn_frame() {
    let (mut client, mut server) = tokio::io::duplex(64);
    client.write_all(&10_u32.to_le_bytes()).await.unwrap();
    client.write_all(b"abc").await.unwrap();
    drop(client);
    let error = read_frame(&mut server, small_limits()).await.unwrap_err();
    assert!(matches!(
        error,
        IpcError::TornFrame {
            expected: 10,
            received: 3
        }
    ));
}

fn heartbeat() -> Envelope {
    Envelope::new(
        livespot_domain::ProcessRole::Marketdata,
        1,
        1_700_000_000_000,
        livespot_domain::CorrelationIds::default(),
        Payload::Heartbeat {
            pid: 42,
            uptime_ms: 1000,
        },
    )
}

#[test]
fn envelope_round_trips_through_bincode() {
    let envelope = heartbeat();
    let decoded = Envelope::decode(&envelope.encode().unwrap()).unwrap();
    assert_eq!(decoded, envelope);
}

#[test]
fn unknown_protocol_version_is_refused_not_guessed() {
    let mut envelope = heartbeat();
    envelope.protocol_version = PROTOCOL_VERSION + 1;
    let error = Envelope::decode(&envelope.encode().unwrap()).unwrap_err();
    assert_eq!(error.reason_code(), ReasonCode::IpcBadVersion);
    assert!(
        matches!(error, IpcError::BadVersion { received, .. } if received == PROTOCOL_VERSION + 1)
    );
}

#[test]
fn undecodable_body_is_decode_failed() {
    let mut body = heartbeat().encode().unwrap();
    body.truncate(body.len() - 2);
    assert_eq!(
        Envelope::decode(&body).unwrap_err().reason_code(),
        ReasonCode::IpcDecodeFailed
    );
    let mut trailing = heartbeat().encode().unwrap();
    trailing.push(0);
    assert_eq!(
        Envelope::decode(&trailing).unwrap_err().reason_code(),
        ReasonCode::IpcDecodeFailed
    );
    let garbage = [1_u8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    assert_eq!(
        Envelope::decode(&garbage).unwrap_err().reason_code(),
        ReasonCode::IpcDecodeFailed
    );
}
