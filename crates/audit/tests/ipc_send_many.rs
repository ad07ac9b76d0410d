#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

use livespot_domain::{AuditEvent, AuditEventType, CorrelationIds, ProcessRole, RunId};
use livespot_ipc::{Endpoint, IpcLimits, Listener, Payload, RunSecrets, connect};

fn event(index: u64, padding: usize) -> (CorrelationIds, Payload) {
    let correlation = CorrelationIds::for_run(RunId::new("run-many").unwrap());
    let event = AuditEvent::new(
        AuditEventType::Decision,
        1_764_000_000_000,
        ProcessRole::Strategy,
        correlation.clone(),
    )
    .with_payload(&serde_json::json!({"index": index, "pad": "x".repeat(padding)}))
    .unwrap();
    (correlation, Payload::AuditEvent { seq: index, event })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_many_delivers_every_envelope_in_order_and_stops_at_an_oversized_one() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = RunSecrets::generate(RunId::new("run-many").unwrap());
    let endpoint = Endpoint::for_role(dir.path(), &secrets.run_id, ProcessRole::Audit);
    let limits = IpcLimits::default();
    let mut listener = Listener::bind(
        endpoint.clone(),
        vec![ProcessRole::Strategy],
        secrets.keys_for(ProcessRole::Audit, &[ProcessRole::Strategy]),
        limits,
    )
    .unwrap();
    let accepting = tokio::spawn(async move { listener.accept().await.unwrap() });
    let keys = secrets.keys_for(ProcessRole::Strategy, &[]);
    let (_, mut writer) = connect(&endpoint, &keys, limits)
        .await
        .unwrap()
        .into_split();
    let (mut reader, _) = accepting.await.unwrap().into_split();
    let first: Vec<_> = (1..=600).map(|index| event(index, 0)).collect();
    assert_eq!(writer.send_many(first).await.unwrap(), 600);
    let oversized = usize::try_from(limits.frame.max_frame_bytes).unwrap() + 1;
    let second = vec![event(601, 0), event(602, oversized), event(603, 0)];
    assert!(writer.send_many(second).await.is_err());
    let mut received = Vec::new();
    while received.len() < 601 {
        let envelope = reader.read_envelope().await.unwrap().unwrap();
        let Payload::AuditEvent { seq, .. } = envelope.payload else {
            panic!("unexpected payload");
        };
        received.push((envelope.seq, seq));
    }
    let expected: Vec<_> = (1..=601).map(|seq| (seq, seq)).collect();
    assert_eq!(received, expected);
}
