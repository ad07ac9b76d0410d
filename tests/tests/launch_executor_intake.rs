#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod intake_support;
mod launch_support;

use std::time::Duration;

use intake_support::{Executor, Sim, command, start_executor, start_sim};
use launch_support::{TestVar, http_get, wait_exit, wait_until};
use livespot_binance::client_order_id::{OrderPurpose, client_order_id_text};
use livespot_domain::{CorrelationIds, ProcessRole, ReasonCode, RunId, SignedIntent, SysMode};
use livespot_executor::sample_entry_intent;
use livespot_ipc::{
    Connection, Endpoint, IpcLimits, Payload, RunKeys as IpcRunKeys, SecretKey, connect,
    fresh_intent_nonce, open_raw_stream, sign_intent, system_now_ms,
};
use livespot_launch::RunSecrets;
use livespot_runtime::{LauncherCommand, RunMode, SecretText, VenueCredentials};
use tokio::io::AsyncWriteExt;

fn signed(key: &SecretKey, id: &str, quantity: &str, expires_in_ms: i64) -> SignedIntent {
    let now = system_now_ms();
    let intent = sample_entry_intent(id, "BTCUSDT", quantity, now - 5).unwrap();
    sign_intent(intent, key, fresh_intent_nonce(), now + expires_in_ms).unwrap()
}

async fn refusal_of(connection: &mut Connection, intent: SignedIntent) -> Vec<ReasonCode> {
    connection
        .send(CorrelationIds::default(), Payload::SignedIntent(intent))
        .await
        .unwrap();
    for _ in 0..50 {
        let reply = tokio::time::timeout(Duration::from_secs(10), connection.read_envelope()).await;
        match reply.unwrap().unwrap().unwrap().payload {
            Payload::IntentRefused { reasons, .. } => return reasons,
            Payload::AccountState { .. } => {}
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    panic!("no refusal among the executor's messages")
}

async fn send_raw(endpoint: &Endpoint, bytes: &[u8]) {
    let mut stream = open_raw_stream(endpoint).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(stream);
    tokio::time::sleep(Duration::from_millis(100)).await;
}

fn setup() -> (TestVar, RunSecrets, Sim, Endpoint) {
    let var = TestVar::new();
    let run_id = RunId::new("run-intake-test").unwrap();
    let socket_dir = var.path().join("run").join(run_id.as_str());
    let mut secrets = RunSecrets::generate(run_id.clone(), RunMode::Sim, socket_dir, 200);
    let credentials = VenueCredentials {
        api_key: SecretText::random_hex(16),
        api_secret: SecretText::random_hex(32),
    };
    let sim = start_sim(&credentials);
    secrets.venue = Some(sim.endpoints.clone());
    secrets.venue_credentials = Some(credentials);
    let endpoint = Endpoint::for_role(var.path(), &run_id, ProcessRole::Executor);
    (var, secrets, sim, endpoint)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn executor_refuses_bad_intents_and_strangers_with_reason_codes_and_sends_only_the_verified_intent_to_the_venue()
 {
    let (var, secrets, sim, endpoint) = setup();
    let mut executor = start_executor(&var, &secrets);
    let socket = endpoint.socket_path();
    let listening = wait_until(Duration::from_secs(20), || socket.exists().then_some(()));
    assert!(listening.is_some(), "{}", var.log_text("executor"));
    let used = assert_intent_refusals(&endpoint, &secrets, &mut executor).await;
    assert_strangers_are_refused(&endpoint, &secrets).await;
    assert_bad_bytes_leave_the_executor_running(&endpoint, &mut executor).await;
    let log = var.log_text("executor");
    for code in [
        "INTENT_BAD_SIGNATURE",
        "INTENT_EXPIRED",
        "CAP_MAX_NOTIONAL",
        "INTENT_NONCE_REPLAY",
        "ENTRY_OUTSIDE_NORMAL",
        "handed to the execution engine",
        "IPC_FRAME_TOO_LARGE",
        "IPC_AUTH_REJECTED",
    ] {
        assert!(log.contains(code), "{code} not logged: {log}");
    }
    assert_only_the_accepted_intent_reached_the_venue(&sim);
    command(
        &mut executor,
        &LauncherCommand::Shutdown {
            reason: "TEST_DONE".to_owned(),
        },
    );
    assert_eq!(
        wait_exit(&mut executor.child, Duration::from_secs(10)),
        Some(0)
    );
    assert_replay_refused_after_restart(&var, &secrets, &endpoint, used).await;
}

async fn assert_intent_refusals(
    endpoint: &Endpoint,
    secrets: &RunSecrets,
    executor: &mut Executor,
) -> SignedIntent {
    let risk_keys = secrets.ipc_keys_for(ProcessRole::Risk);
    let intent_key = risk_keys.intent_key.clone().unwrap();
    let mut risk = connect(endpoint, &risk_keys, IpcLimits::default())
        .await
        .unwrap();
    let paused = refusal_of(&mut risk, signed(&intent_key, "oi-paused", "0.001", 5_000)).await;
    assert_eq!(paused, vec![ReasonCode::EntryOutsideNormal]);
    command(
        executor,
        &LauncherCommand::ModeChanged {
            mode: SysMode::Normal,
            reasons: vec![],
        },
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let forged = signed(&SecretKey::generate(), "oi-forged", "0.001", 5_000);
    assert_eq!(
        refusal_of(&mut risk, forged).await,
        vec![ReasonCode::IntentBadSignature]
    );
    let expired = signed(&intent_key, "oi-expired", "0.001", -1);
    assert_eq!(
        refusal_of(&mut risk, expired).await,
        vec![ReasonCode::IntentExpired]
    );
    let over_cap = signed(&intent_key, "oi-big", "1", 5_000);
    assert_eq!(
        refusal_of(&mut risk, over_cap).await,
        vec![ReasonCode::CapMaxNotional]
    );
    let good = signed(&intent_key, "oi-good", "0.001", 5_000);
    risk.send(
        CorrelationIds::default(),
        Payload::SignedIntent(good.clone()),
    )
    .await
    .unwrap();
    assert_eq!(
        refusal_of(&mut risk, good.clone()).await,
        vec![ReasonCode::IntentNonceReplay]
    );
    good
}

async fn assert_replay_refused_after_restart(
    var: &TestVar,
    secrets: &RunSecrets,
    endpoint: &Endpoint,
    used: SignedIntent,
) {
    let mut executor = start_executor(var, secrets);
    let risk_keys = secrets.ipc_keys_for(ProcessRole::Risk);
    let mut connected = None;
    for _ in 0..100 {
        if let Ok(connection) = connect(endpoint, &risk_keys, IpcLimits::default()).await {
            connected = Some(connection);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut risk = connected.unwrap();
    assert_eq!(
        refusal_of(&mut risk, used).await,
        vec![ReasonCode::IntentNonceReplay]
    );
    command(
        &mut executor,
        &LauncherCommand::Shutdown {
            reason: "TEST_DONE".to_owned(),
        },
    );
    assert_eq!(
        wait_exit(&mut executor.child, Duration::from_secs(10)),
        Some(0)
    );
}

fn entry_orders_of(sim: &Sim, order_intent_id: &str) -> usize {
    let coid = client_order_id_text(order_intent_id, OrderPurpose::Entry);
    let requests = http_get(&sim.endpoints.admin, "/admin/requests").unwrap();
    let list: serde_json::Value = serde_json::from_str(&requests).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .filter(|request| request["method"] == "POST")
        .filter(|request| request["client_order_id"].as_str() == Some(coid.as_str()))
        .count()
}

fn assert_only_the_accepted_intent_reached_the_venue(sim: &Sim) {
    let placed = wait_until(Duration::from_secs(20), || {
        (entry_orders_of(sim, "oi-good") > 0).then_some(())
    });
    assert!(
        placed.is_some(),
        "the accepted intent never reached the venue"
    );
    assert_eq!(entry_orders_of(sim, "oi-good"), 1);
    for refused in ["oi-paused", "oi-forged", "oi-expired", "oi-big"] {
        assert_eq!(
            entry_orders_of(sim, refused),
            0,
            "{refused} reached the venue"
        );
    }
}

async fn assert_strangers_are_refused(endpoint: &Endpoint, secrets: &RunSecrets) {
    let strategy = secrets.ipc_keys_for(ProcessRole::Strategy);
    assert!(
        connect(endpoint, &strategy, IpcLimits::default())
            .await
            .is_err()
    );
    let impostor = IpcRunKeys::new(
        strategy.run_id.clone(),
        ProcessRole::Risk,
        SecretKey::generate(),
    );
    assert!(
        connect(endpoint, &impostor, IpcLimits::default())
            .await
            .is_err()
    );
}

async fn assert_bad_bytes_leave_the_executor_running(endpoint: &Endpoint, executor: &mut Executor) {
    send_raw(endpoint, b"GET / HTTP/1.1\r\n\r\ngarbage-garbage-garbage").await;
    send_raw(endpoint, &u32::MAX.to_le_bytes()).await;
    let mut torn = 64_u32.to_le_bytes().to_vec();
    torn.extend_from_slice(b"only-part");
    send_raw(endpoint, &torn).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        executor.child.try_wait().unwrap().is_none(),
        "executor died on bad bytes"
    );
}
