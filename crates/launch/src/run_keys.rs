use std::path::PathBuf;

use livespot_domain::{ProcessRole, RunId};
use livespot_ipc::{RunKeys as IpcRunKeys, RunSecrets as IpcRunSecrets};
use livespot_runtime::{RunKeys, RunMode, VenueCredentials, VenueEndpoints};

pub const CHILD_ORDER: [ProcessRole; 6] = [
    ProcessRole::Audit,
    ProcessRole::Marketdata,
    ProcessRole::Executor,
    ProcessRole::Risk,
    ProcessRole::Strategy,
    ProcessRole::Panel,
];

pub const STOP_ORDER: [ProcessRole; 6] = [
    ProcessRole::Strategy,
    ProcessRole::Risk,
    ProcessRole::Executor,
    ProcessRole::Panel,
    ProcessRole::Marketdata,
    ProcessRole::Audit,
];

pub fn peers_allowed_to_connect(role: ProcessRole) -> &'static [ProcessRole] {
    match role {
        ProcessRole::Executor => &[ProcessRole::Risk],
        ProcessRole::Risk => &[ProcessRole::Strategy, ProcessRole::Executor],
        ProcessRole::Strategy | ProcessRole::Panel => {
            &[ProcessRole::Executor, ProcessRole::Marketdata]
        }
        ProcessRole::Marketdata => &[ProcessRole::Strategy, ProcessRole::Risk],
        ProcessRole::Audit => &[
            ProcessRole::Launch,
            ProcessRole::Marketdata,
            ProcessRole::Strategy,
            ProcessRole::Risk,
            ProcessRole::Executor,
            ProcessRole::Panel,
        ],
        ProcessRole::Launch => &[],
    }
}

#[derive(Debug, Clone)]
pub struct RunSecrets {
    pub run_id: RunId,
    pub mode: RunMode,
    pub socket_dir: PathBuf,
    pub heartbeat_interval_ms: u64,
    ipc: IpcRunSecrets,
    pub venue: Option<VenueEndpoints>,
    pub venue_credentials: Option<VenueCredentials>,
}

impl RunSecrets {
    pub fn generate(
        run_id: RunId,
        mode: RunMode,
        socket_dir: PathBuf,
        heartbeat_interval_ms: u64,
    ) -> Self {
        Self {
            ipc: IpcRunSecrets::generate(run_id.clone()),
            run_id,
            mode,
            socket_dir,
            heartbeat_interval_ms,
            venue: None,
            venue_credentials: None,
        }
    }

    pub fn ipc_keys_for(&self, role: ProcessRole) -> IpcRunKeys {
        self.ipc.keys_for(role, peers_allowed_to_connect(role))
    }

    pub fn keys_for(&self, role: ProcessRole) -> RunKeys {
        RunKeys {
            run_id: self.run_id.clone(),
            role,
            mode: self.mode,
            ipc: self.ipc_keys_for(role),
            venue: self.venue.clone(),
            venue_credentials: (role == ProcessRole::Executor)
                .then(|| self.venue_credentials.clone())
                .flatten(),
            socket_dir: self.socket_dir.clone(),
            heartbeat_interval_ms: self.heartbeat_interval_ms,
        }
    }
}

#[cfg(test)]
#[path = "run_keys_tests.rs"]
mod tests;
