#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

#[path = "../money_path_support/sim_process.rs"]
mod sim_process;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use livespot_domain::ProcessRole;
use livespot_e2e::binary_path;
use livespot_launch::RunSecrets;
use livespot_runtime::{LauncherCommand, VenueCredentials, encode_line};

use crate::launch_support::TestVar;

pub use sim_process::SimProcess as Sim;

pub fn start_sim(credentials: &VenueCredentials) -> Sim {
    Sim::start(credentials, None)
}

pub struct Executor {
    pub child: Child,
    pub stdin: ChildStdin,
}

impl Drop for Executor {
    fn drop(&mut self) {
        if self.child.kill().is_ok() && self.child.wait().is_err() {
            eprintln!("executor not reaped");
        }
    }
}

pub fn start_executor(var: &TestVar, secrets: &RunSecrets) -> Executor {
    let mut child = Command::new(binary_path("livespot-executor"))
        .arg("--var")
        .arg(var.path())
        .arg("--config")
        .arg(&var.config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(
            secrets
                .keys_for(ProcessRole::Executor)
                .to_line()
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || for _ in BufReader::new(stdout).lines() {});
    Executor { child, stdin }
}

pub fn command(executor: &mut Executor, command: &LauncherCommand) {
    executor
        .stdin
        .write_all(encode_line(command).unwrap().as_bytes())
        .unwrap();
    executor.stdin.flush().unwrap();
}
