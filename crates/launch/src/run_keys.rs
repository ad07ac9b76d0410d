use std::path::PathBuf;

use livespot_domain::{ProcessRole, RunId};
use livespot_runtime::{PeerToken, RunKeys, RunMode, SecretText, VenueCredentials, VenueEndpoints};

pub const TOKEN_BYTES: usize = 32;

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
    tokens: Vec<PeerToken>,
    intent_key: SecretText,
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
        let tokens = std::iter::once(ProcessRole::Launch)
            .chain(CHILD_ORDER)
            .map(|role| PeerToken {
                role,
                token: SecretText::random_hex(TOKEN_BYTES),
            })
            .collect();
        Self {
            run_id,
            mode,
            socket_dir,
            heartbeat_interval_ms,
            tokens,
            intent_key: SecretText::random_hex(TOKEN_BYTES),
            venue: None,
            venue_credentials: None,
        }
    }

    pub fn token_of(&self, role: ProcessRole) -> SecretText {
        self.tokens
            .iter()
            .find(|peer| peer.role == role)
            .map_or_else(|| SecretText::new(""), |peer| peer.token.clone())
    }

    pub fn keys_for(&self, role: ProcessRole) -> RunKeys {
        let peer_tokens = peers_allowed_to_connect(role)
            .iter()
            .map(|peer| PeerToken {
                role: *peer,
                token: self.token_of(*peer),
            })
            .collect();
        let holds_intent_key = matches!(role, ProcessRole::Risk | ProcessRole::Executor);
        RunKeys {
            run_id: self.run_id.clone(),
            role,
            mode: self.mode,
            role_token: self.token_of(role),
            peer_tokens,
            intent_key: holds_intent_key.then(|| self.intent_key.clone()),
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
