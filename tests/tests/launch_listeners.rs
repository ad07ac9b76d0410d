#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test helpers: a failed setup step must fail the test"
)]

mod launch_support;

use std::path::PathBuf;
use std::time::Duration;

use launch_support::{TestVar, pid_alive, wait_exit};
use livespot_domain::{ProcessRole, RunId};
use livespot_ipc::{
    Endpoint, IpcLimits, RunKeys as IpcRunKeys, SecretKey, connect, open_raw_stream,
};
use tokio::io::AsyncWriteExt;

fn listener_sockets(var: &TestVar, run_id: &str) -> Vec<(String, PathBuf)> {
    let dir = var.path().join("run").join(run_id);
    let mut sockets: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sock"))
        .map(|path| {
            (
                path.file_stem().unwrap().to_string_lossy().to_string(),
                path,
            )
        })
        .collect();
    sockets.sort();
    sockets
}

async fn send_raw(endpoint: &Endpoint, bytes: &[u8]) {
    let mut stream = open_raw_stream(endpoint).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(stream);
    tokio::time::sleep(Duration::from_millis(100)).await;
}

async fn attack(endpoint: &Endpoint, run_id: &RunId) {
    send_raw(endpoint, b"\x00\x01garbage garbage garbage").await;
    send_raw(endpoint, &u32::MAX.to_le_bytes()).await;
    let mut torn = 128_u32.to_le_bytes().to_vec();
    torn.extend_from_slice(b"torn");
    send_raw(endpoint, &torn).await;
    for claimed in [
        ProcessRole::Risk,
        ProcessRole::Strategy,
        ProcessRole::Launch,
        ProcessRole::Marketdata,
    ] {
        let stranger = IpcRunKeys::new(run_id.clone(), claimed, SecretKey::generate());
        assert!(
            connect(endpoint, &stranger, IpcLimits::default())
                .await
                .is_err(),
            "{claimed:?} accepted"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_listener_survives_garbage_oversized_torn_frames_and_strangers_and_logs_reason_codes()
{
    let var = TestVar::new();
    let mut launcher = var.launch(&["--sim", "--duration", "8"]);
    var.wait_for_panel(Duration::from_secs(30));
    let run_id_text = var.endpoints().unwrap()["run_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let run_id = RunId::new(run_id_text.clone()).unwrap();
    let sockets = listener_sockets(&var, &run_id_text);
    let names: Vec<&str> = sockets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        vec!["audit", "executor", "marketdata", "risk"],
        "every listening process is attacked"
    );
    for (name, _) in &sockets {
        let role: ProcessRole = serde_json::from_value(serde_json::json!(name)).unwrap();
        let pid = var.pid_of(name).unwrap();
        attack(&Endpoint::for_role(var.path(), &run_id, role), &run_id).await;
        assert!(pid_alive(pid), "{name} died");
        assert_eq!(var.pid_of(name), Some(pid), "{name} was restarted");
        let log = var.log_text(name);
        assert!(log.contains("IPC_FRAME_TOO_LARGE"), "{name}: {log}");
    }
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_secs(40)),
        Some(0),
        "{}",
        var.console()
    );
    let trail = var.audit_trail();
    assert!(
        trail
            .lines()
            .any(|line| line.contains("IPC_AUTH_REJECTED") && line.contains("\"executor\"")),
        "executor refusals missing from the audit trail: {trail}"
    );
}
