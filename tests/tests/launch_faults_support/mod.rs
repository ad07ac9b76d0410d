#![allow(
    dead_code,
    reason = "each launch_faults_* test binary uses a different part of this support module"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

#[path = "../money_path_support/admin_view.rs"]
pub mod admin_view;
pub mod checks;
#[path = "../money_path_support/http.rs"]
pub mod http;
pub mod ledger;
#[path = "../money_path_support/stores.rs"]
pub mod stores;
pub mod venue;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use livespot_e2e::binary_path;

use crate::launch_support::{TestVar, stop_launcher, wait_until};
pub use stores::{AuditStore, LedgerStore};
pub use venue::LaunchVenue;

pub const SAFETY_NET_SECS: &str = "170";
pub const FIRST_ENTRY_WITHIN: Duration = Duration::from_secs(45);
pub const SETTLED_WITHIN: Duration = Duration::from_secs(40);

pub const UNSCALED_VENUE_CLOCK: (&str, &str) = ("clock_scale", "1");
pub const TIME_LAPSE_VENUE_CLOCK: (&str, &str) = ("clock_scale", "60");

pub struct FaultRun {
    pub var: TestVar,
    launcher: Option<Child>,
}

fn override_config(var: &TestVar, overrides: &[(&str, &str)]) {
    let text = std::fs::read_to_string(&var.config).unwrap();
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let key = line.split('=').next().unwrap_or_default().trim();
            overrides.iter().find(|(name, _)| *name == key).map_or_else(
                || line.to_owned(),
                |(name, value)| format!("{name} = {value}"),
            )
        })
        .collect();
    for (name, _) in overrides {
        assert!(
            lines
                .iter()
                .any(|line| line.starts_with(&format!("{name} = "))),
            "config has no key {name}"
        );
    }
    std::fs::write(&var.config, lines.join("\n")).unwrap();
}

impl FaultRun {
    pub fn start(overrides: &[(&str, &str)], env: &[(&str, String)], args: &[&str]) -> Self {
        let var = TestVar::new();
        override_config(&var, overrides);
        let stdout = std::fs::File::create(var.path().join("launch.stdout")).unwrap();
        let stderr = std::fs::File::create(var.path().join("launch.stderr")).unwrap();
        let mut command = Command::new(binary_path("livespot-launch"));
        command
            .arg("--var")
            .arg(var.path())
            .arg("--config")
            .arg(&var.config)
            .args(["--sim", "--duration", SAFETY_NET_SECS])
            .args(args)
            .env_remove("BINANCE_API_KEY")
            .env_remove("BINANCE_API_SECRET")
            .env_remove("OPENAI_API_KEY")
            .env_remove(livespot_execution::crash_point::CRASH_AT_ENV)
            .current_dir(var.path())
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr);
        for (name, value) in env {
            command.env(name, value);
        }
        let launcher = command.spawn().unwrap();
        Self {
            var,
            launcher: Some(launcher),
        }
    }

    pub fn venue(&self) -> LaunchVenue {
        let admin = wait_until(Duration::from_secs(30), || {
            Some(self.var.endpoints()?["venue"]["admin"].as_str()?.to_owned())
        });
        LaunchVenue {
            admin: admin.unwrap_or_else(|| panic!("no venue admin: {}", self.var.console())),
        }
    }

    pub fn ledger(&self) -> LedgerStore {
        LedgerStore::new(self.var.path())
    }

    pub fn audit(&self) -> AuditStore {
        AuditStore::new(self.var.path())
    }

    pub fn diagnostics(&self) -> String {
        let tail = |text: String| {
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(25)..].join("\n")
        };
        format!(
            "console:\n{}\nexecutor log:\n{}",
            tail(self.var.console()),
            tail(self.var.log_text("executor"))
        )
    }

    pub fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        probe: impl FnMut() -> Option<T>,
    ) -> T {
        wait_until(timeout, probe)
            .unwrap_or_else(|| panic!("{what} not seen in {timeout:?}\n{}", self.diagnostics()))
    }

    pub fn stop(mut self) {
        if let Some(mut launcher) = self.launcher.take() {
            stop_launcher(&mut launcher);
        }
    }
}

impl Drop for FaultRun {
    fn drop(&mut self) {
        if let Some(mut launcher) = self.launcher.take() {
            let signalled = Command::new("kill")
                .arg("-TERM")
                .arg(launcher.id().to_string())
                .status();
            if signalled.is_ok() {
                crate::launch_support::wait_exit(&mut launcher, Duration::from_secs(20));
            }
        }
    }
}
