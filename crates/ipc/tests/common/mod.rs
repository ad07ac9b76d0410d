#![allow(dead_code)]
#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

use std::path::Path;
use std::time::Duration;

use livespot_domain::{ProcessRole, RunId};
use livespot_ipc::{Endpoint, FrameLimits, IpcLimits, Listener, RunKeys, RunSecrets};

pub const GUARD: Duration = Duration::from_secs(10);

pub fn run_id() -> RunId {
    RunId::new("run-test-1").unwrap()
}

pub const EXECUTOR_ACCEPTS: [ProcessRole; 1] = [ProcessRole::Risk];

pub fn limits() -> IpcLimits {
    IpcLimits {
        frame: FrameLimits {
            max_frame_bytes: 64 * 1024,
        },
        handshake_timeout: Duration::from_millis(500),
        max_pending_handshakes: 8,
    }
}

pub struct Fixture {
    pub secrets: RunSecrets,
    pub endpoint: Endpoint,
    pub listener: Listener,
}

impl Fixture {
    pub fn keys(&self, role: ProcessRole) -> RunKeys {
        self.secrets.keys_for(role, &[])
    }
}

pub fn executor_listener(var_dir: &Path) -> Fixture {
    let secrets = RunSecrets::generate(run_id());
    let endpoint = Endpoint::for_role(var_dir, &run_id(), ProcessRole::Executor);
    let keys = secrets.keys_for(ProcessRole::Executor, &EXECUTOR_ACCEPTS);
    let listener =
        Listener::bind(endpoint.clone(), vec![ProcessRole::Risk], keys, limits()).unwrap();
    Fixture {
        secrets,
        endpoint,
        listener,
    }
}
