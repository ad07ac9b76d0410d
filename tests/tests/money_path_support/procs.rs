use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use livespot_domain::{ProcessRole, ReasonCode, SysMode};
use livespot_e2e::binary_path;
use livespot_execution::crash_point::CRASH_AT_ENV;
use livespot_runtime::{ChildReport, LauncherCommand, decode_line, encode_line};

use super::{MoneyVar, WAIT};

pub use super::sim_process::{SimProcess, reap};

pub struct AuditProcess {
    child: Child,
}

impl AuditProcess {
    pub fn start(var: &MoneyVar) -> Self {
        let mut child = Command::new(binary_path("livespot-audit"))
            .arg("--var")
            .arg(var.path())
            .arg("--config")
            .arg(&var.config)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(var.path().join("audit.stderr")).unwrap())
            .spawn()
            .unwrap();
        let line = var.secrets.keys_for(ProcessRole::Audit).to_line().unwrap();
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.flush().unwrap();
        Self { child }
    }
}

impl Drop for AuditProcess {
    fn drop(&mut self) {
        reap(&mut self.child, "audit");
    }
}

pub struct ExecutorProcess {
    pub child: Child,
    stdin: ChildStdin,
    pub reports: mpsc::Receiver<ChildReport>,
}

impl ExecutorProcess {
    pub fn start(var: &MoneyVar, crash_at: Option<&str>) -> Self {
        let mut command = Command::new(binary_path("livespot-executor"));
        command
            .arg("--var")
            .arg(var.path())
            .arg("--config")
            .arg(&var.config)
            .env_remove(CRASH_AT_ENV)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(var.path().join("executor.stderr")).unwrap());
        if let Some(point) = crash_at {
            command.env(CRASH_AT_ENV, point);
        }
        let mut child = command.spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let keys = var
            .secrets
            .keys_for(ProcessRole::Executor)
            .to_line()
            .unwrap();
        stdin.write_all(keys.as_bytes()).unwrap();
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
        Self {
            child,
            stdin,
            reports,
        }
    }

    pub fn command(&mut self, command: &LauncherCommand) {
        let line = encode_line(command).unwrap();
        self.stdin.write_all(line.as_bytes()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn allow_entries(&mut self) {
        self.command(&LauncherCommand::ModeChanged {
            mode: SysMode::Normal,
            reasons: vec![],
        });
    }

    pub fn wait_dead(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "executor still running");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_condition(&self, reason: ReasonCode) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            match self.reports.recv_timeout(Duration::from_millis(200)) {
                Ok(ChildReport::ConditionRaised {
                    reason: raised,
                    detail,
                }) if raised == reason => {
                    return detail;
                }
                Ok(other) => seen.push(format!("{other:?}")),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!(
            "no {} condition on the executor's stdout; saw {seen:?}",
            reason.as_str()
        )
    }
}

impl Drop for ExecutorProcess {
    fn drop(&mut self) {
        reap(&mut self.child, "executor");
    }
}
