#![allow(
    dead_code,
    reason = "each audit_* test binary uses a different part of this support module"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use livespot_audit::{AuditClient, AuditLink, MemorySpool};
use livespot_domain::{AuditEvent, AuditEventType, CorrelationIds, ProcessRole, RunId};
use livespot_e2e::{binary_path, workspace_root};
use livespot_ipc::{Endpoint, IpcLimits, RunSecrets};
use livespot_runtime::{ChildReport, LauncherCommand, RunKeys, RunMode, decode_line, encode_line};
use tokio_util::sync::CancellationToken;

pub const PRODUCERS: [ProcessRole; 4] = [
    ProcessRole::Marketdata,
    ProcessRole::Strategy,
    ProcessRole::Risk,
    ProcessRole::Executor,
];

pub struct AuditVar {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub run_id: RunId,
    pub secrets: RunSecrets,
}

impl AuditVar {
    pub fn new(disk_overrides: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let shipped =
            std::fs::read_to_string(workspace_root().join("policies").join("livespot.toml"))
                .unwrap();
        let mut section = String::new();
        let text = shipped
            .lines()
            .map(|line| {
                if line.starts_with('[') {
                    line.trim().clone_into(&mut section);
                }
                override_line(&section, line, disk_overrides).unwrap_or_else(|| line.to_owned())
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = dir.path().join("livespot.toml");
        std::fs::write(&config, text).unwrap();
        let run_id = RunId::new("audit-e2e").unwrap();
        let secrets = RunSecrets::generate(run_id.clone());
        Self {
            dir,
            config,
            run_id,
            secrets,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn start(&self) -> AuditProcess {
        let mut child = Command::new(binary_path("livespot-audit"))
            .arg("--var")
            .arg(self.path())
            .arg("--config")
            .arg(&self.config)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(self.path().join("audit.stderr")).unwrap())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let keys = RunKeys {
            run_id: self.run_id.clone(),
            role: ProcessRole::Audit,
            mode: RunMode::Sim,
            ipc: self.secrets.keys_for(ProcessRole::Audit, &PRODUCERS),
            venue: None,
            venue_credentials: None,
            socket_dir: self.path().join("run"),
            heartbeat_interval_ms: 1000,
        };
        stdin.write_all(keys.to_line().unwrap().as_bytes()).unwrap();
        stdin.flush().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (reports_tx, reports) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(report) = decode_line::<ChildReport>(&line)
                    && reports_tx.send(report).is_err()
                {
                    return;
                }
            }
        });
        AuditProcess {
            child,
            stdin: Some(stdin),
            reports,
        }
    }

    pub fn stderr(&self) -> String {
        let stderr = std::fs::read_to_string(self.path().join("audit.stderr")).unwrap_or_default();
        let log =
            std::fs::read_to_string(self.path().join("logs").join("audit.log")).unwrap_or_default();
        format!(
            "stderr:\n{stderr}\nlog tail:\n{}",
            log.lines().rev().take(20).collect::<Vec<_>>().join("\n")
        )
    }

    pub async fn wait_all_acked(&self, clients: &[(ProcessRole, AuditClient)], seq: u64) {
        for (role, client) in clients {
            let acked = tokio::time::timeout(Duration::from_mins(2), client.wait_acked(seq)).await;
            assert!(
                matches!(acked, Ok(Ok(()))),
                "{} acked through {} of {seq}\n{}",
                role.as_str(),
                client.acked_through(),
                self.stderr()
            );
        }
    }

    pub fn client(&self, role: ProcessRole, shutdown: &CancellationToken) -> AuditClient {
        let link = AuditLink {
            endpoint: Endpoint::for_role(self.path(), &self.run_id, ProcessRole::Audit),
            keys: self.secrets.keys_for(role, &[]),
            limits: IpcLimits::default(),
        };
        AuditClient::spawn(
            link,
            Box::new(MemorySpool::new(100_000, 1)),
            shutdown.clone(),
        )
    }

    pub fn verify(&self) -> (Option<i32>, String) {
        let output = Command::new(binary_path("livespot-audit"))
            .arg("verify")
            .arg("--var")
            .arg(self.path())
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), text)
    }
}

fn override_line(section: &str, line: &str, overrides: &[(&str, &str)]) -> Option<String> {
    let key = line.split('=').next()?.trim();
    if section == "[disk]" && key == "check_interval_ms" {
        return Some("check_interval_ms = 100".to_owned());
    }
    overrides
        .iter()
        .find(|(name, _)| section == "[disk]" && *name == key)
        .map(|(name, value)| format!("{name} = {value}"))
}

pub struct AuditProcess {
    pub child: Child,
    stdin: Option<ChildStdin>,
    pub reports: mpsc::Receiver<ChildReport>,
}

impl AuditProcess {
    pub fn stop(mut self) -> Option<i32> {
        if let Some(mut stdin) = self.stdin.take() {
            let line = encode_line(&LauncherCommand::Shutdown {
                reason: "test".to_owned(),
            })
            .unwrap();
            stdin.write_all(line.as_bytes()).unwrap();
        }
        wait_exit(&mut self.child, Duration::from_secs(20))
    }

    pub fn kill_hard(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

pub fn wait_exit(child: &mut Child, limit: Duration) -> Option<i32> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    panic!("livespot-audit did not stop within {limit:?}");
}

pub fn event(role: ProcessRole, index: u64) -> AuditEvent {
    AuditEvent::new(
        AuditEventType::Decision,
        1_764_000_000_000 + i64::try_from(index).unwrap(),
        role,
        CorrelationIds::for_run(RunId::new("audit-e2e").unwrap()),
    )
    .with_payload(&serde_json::json!({"index": index, "symbol": "BTCUSDT"}))
    .unwrap()
}

pub fn count(var_dir: &Path, sql: &str) -> i64 {
    let conn = livespot_audit::open_read_only(&livespot_audit::audit_db_path(var_dir)).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

pub fn trail_lines_without(var_dir: &Path, excluded: &str) -> usize {
    livespot_audit::trail_files(&livespot_audit::logs_dir(var_dir))
        .unwrap()
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter(|line| !line.contains(excluded))
                .count()
        })
        .sum()
}
