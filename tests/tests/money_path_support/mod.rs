#![allow(
    dead_code,
    reason = "each money_path_* test binary uses a different part of this support module"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

pub mod admin_view;
pub mod http;
pub mod intents;
pub mod procs;
pub mod risk;
pub mod sim_process;
pub mod stores;
pub mod venue;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use livespot_domain::{ProcessRole, RunId};
use livespot_e2e::workspace_root;
use livespot_launch::RunSecrets;
use livespot_runtime::{RunMode, SecretText, VenueCredentials};

pub use procs::{AuditProcess, ExecutorProcess, SimProcess};
pub use risk::RiskLink;
pub use stores::{AuditStore, LedgerStore};
pub use venue::VenueView;

pub const WAIT: Duration = Duration::from_secs(30);
pub const POLL: Duration = Duration::from_millis(50);
pub const SYMBOL: &str = "BTCUSDT";

pub struct MoneyVar {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub run_id: RunId,
    pub secrets: RunSecrets,
    pub credentials: VenueCredentials,
}

impl MoneyVar {
    pub fn new(executor_overrides: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("livespot.toml");
        std::fs::write(&config, config_text(executor_overrides)).unwrap();
        let run_id = RunId::new("money-path").unwrap();
        let socket_dir = dir.path().join("run").join(run_id.as_str());
        let secrets = RunSecrets::generate(run_id.clone(), RunMode::Sim, socket_dir, 500);
        let credentials = VenueCredentials {
            api_key: SecretText::random_hex(16),
            api_secret: SecretText::random_hex(32),
        };
        Self {
            dir,
            config,
            run_id,
            secrets,
            credentials,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn executor_endpoint(&self) -> livespot_ipc::Endpoint {
        livespot_ipc::Endpoint::for_role(self.path(), &self.run_id, ProcessRole::Executor)
    }

    pub fn log_tail(&self, process: &str) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(self.path().join("logs"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with(&format!("{process}.")) {
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

fn config_text(executor_overrides: &[(&str, &str)]) -> String {
    let shipped =
        std::fs::read_to_string(workspace_root().join("policies").join("livespot.toml")).unwrap();
    let mut section = String::new();
    shipped
        .lines()
        .map(|line| {
            if line.starts_with('[') {
                line.trim().clone_into(&mut section);
            }
            let key = line.split('=').next().unwrap_or_default().trim();
            executor_overrides
                .iter()
                .find(|(name, _)| section == "[executor]" && *name == key)
                .map_or_else(
                    || line.to_owned(),
                    |(name, value)| format!("{name} = {value}"),
                )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn wait_for<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {WAIT:?}: {what}"
        );
        std::thread::sleep(POLL);
    }
}

pub struct Stack {
    pub executor: ExecutorProcess,
    pub audit: AuditProcess,
    pub sim: SimProcess,
    pub var: MoneyVar,
}

impl Stack {
    pub fn start(executor_overrides: &[(&str, &str)]) -> Self {
        let mut var = MoneyVar::new(executor_overrides);
        let sim = SimProcess::start(&var.credentials, Some(&var.path().join("sim.stderr")));
        var.secrets.venue = Some(sim.endpoints.clone());
        var.secrets.venue_credentials = Some(var.credentials.clone());
        let audit = AuditProcess::start(&var);
        let executor = ExecutorProcess::start(&var, None);
        Self {
            executor,
            audit,
            sim,
            var,
        }
    }

    pub fn venue(&self) -> VenueView {
        VenueView::new(&self.sim.endpoints, &self.var.credentials)
    }

    pub fn ledger(&self) -> LedgerStore {
        LedgerStore::new(self.var.path())
    }

    pub fn audit_store(&self) -> AuditStore {
        AuditStore::new(self.var.path())
    }

    pub async fn risk(&mut self) -> RiskLink {
        self.executor.allow_entries();
        RiskLink::connect(&self.var).await
    }

    pub fn restart_executor(&mut self, crash_at: Option<&str>) {
        self.executor = ExecutorProcess::start(&self.var, crash_at);
    }

    pub fn diagnostics(&self) -> String {
        format!(
            "executor log:\n{}\naudit log:\n{}",
            self.var.log_tail("executor"),
            self.var.log_tail("audit")
        )
    }
}
