#![cfg(unix)]
#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use livespot_domain::ProcessRole;
use livespot_ipc::{DurableMessage, Outbox};

fn example_binary(name: &str) -> PathBuf {
    let test_binary = std::env::current_exe().unwrap();
    let profile_dir = test_binary
        .parent()
        .and_then(std::path::Path::parent)
        .unwrap();
    profile_dir.join("examples").join(name)
}

#[test]
fn messages_pushed_before_a_sigkill_are_still_pending() {
    let dir = tempfile::tempdir().unwrap();
    let path = Outbox::path_for(dir.path(), ProcessRole::Risk);
    let binary = example_binary("outbox_writer");
    assert!(
        binary.exists(),
        "example missing (a full `cargo test -p livespot-ipc` builds it): {}",
        binary.display()
    );
    let mut child = Command::new(binary)
        .arg(&path)
        .arg("5")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "pushed 5");
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    let reopened = Outbox::open(&path, ProcessRole::Risk).unwrap();
    let entries = reopened.unacked(100).unwrap();
    assert_eq!(entries.len(), 5);
    let timestamps: Vec<i64> = entries
        .iter()
        .map(|entry| match &entry.message {
            DurableMessage::AuditEvent(event) => event.ts_ms,
            DurableMessage::IntentUpdate(update) => update.ts_ms,
        })
        .collect();
    assert_eq!(
        timestamps,
        (0..5)
            .map(|offset| 1_764_000_000_000 + offset)
            .collect::<Vec<_>>()
    );
}
