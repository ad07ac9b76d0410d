use std::collections::BTreeMap;

use livespot_domain::{ProcessRole, RunId};
use serde::{Deserialize, Serialize};

use crate::error::IpcError;
use crate::mac::compute_mac;
use crate::secret_key::SecretKey;

const LINK_KEY_LABEL: &[u8] = b"LIVESPOT_IPC_LINK_KEY_V1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Link {
    pub listener: ProcessRole,
    pub connector: ProcessRole,
}

impl Link {
    pub fn new(listener: ProcessRole, connector: ProcessRole) -> Self {
        Self {
            listener,
            connector,
        }
    }
}

pub fn derive_link_key(connector_token: &SecretKey, run_id: &RunId, link: Link) -> SecretKey {
    SecretKey::from_bytes(compute_mac(
        connector_token,
        &[
            LINK_KEY_LABEL,
            run_id.as_str().as_bytes(),
            link.listener.as_str().as_bytes(),
            link.connector.as_str().as_bytes(),
        ],
    ))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerLinkKey {
    pub connector: ProcessRole,
    pub key: SecretKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunKeys {
    pub run_id: RunId,
    pub role: ProcessRole,
    pub role_token: SecretKey,
    pub accepted_peers: Vec<PeerLinkKey>,
    pub intent_key: Option<SecretKey>,
}

impl RunKeys {
    pub fn new(run_id: RunId, role: ProcessRole, role_token: SecretKey) -> Self {
        Self {
            run_id,
            role,
            role_token,
            accepted_peers: Vec::new(),
            intent_key: None,
        }
    }

    #[must_use]
    pub fn with_intent_key(mut self, intent_key: SecretKey) -> Self {
        self.intent_key = Some(intent_key);
        self
    }

    #[must_use]
    pub fn accept_peer_link_key(mut self, connector: ProcessRole, key: SecretKey) -> Self {
        self.accepted_peers
            .retain(|peer| peer.connector != connector);
        self.accepted_peers.push(PeerLinkKey { connector, key });
        self
    }

    #[must_use]
    pub fn accept_peer_token(self, connector: ProcessRole, connector_token: &SecretKey) -> Self {
        let link = Link::new(self.role, connector);
        let key = derive_link_key(connector_token, &self.run_id, link);
        self.accept_peer_link_key(connector, key)
    }

    pub fn link_key(&self, link: Link) -> Result<SecretKey, IpcError> {
        let missing = IpcError::KeyMissing {
            listener: link.listener,
            connector: link.connector,
        };
        if link.connector == self.role {
            return Ok(derive_link_key(&self.role_token, &self.run_id, link));
        }
        if link.listener != self.role {
            return Err(missing);
        }
        self.accepted_peers
            .iter()
            .find(|peer| peer.connector == link.connector)
            .map(|peer| peer.key.clone())
            .ok_or(missing)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSecrets {
    pub run_id: RunId,
    pub role_tokens: BTreeMap<ProcessRole, SecretKey>,
    pub intent_key: SecretKey,
}

impl RunSecrets {
    pub fn generate(run_id: RunId) -> Self {
        let role_tokens = ProcessRole::ALL
            .iter()
            .map(|role| (*role, SecretKey::generate()))
            .collect();
        Self {
            run_id,
            role_tokens,
            intent_key: SecretKey::generate(),
        }
    }

    fn token_of(&self, role: ProcessRole) -> SecretKey {
        self.role_tokens
            .get(&role)
            .cloned()
            .unwrap_or_else(SecretKey::generate)
    }

    pub fn keys_for(&self, role: ProcessRole, allowed_connectors: &[ProcessRole]) -> RunKeys {
        let mut keys = RunKeys::new(self.run_id.clone(), role, self.token_of(role));
        for connector in allowed_connectors {
            let link = Link::new(role, *connector);
            let key = derive_link_key(&self.token_of(*connector), &self.run_id, link);
            keys = keys.accept_peer_link_key(*connector, key);
        }
        if matches!(role, ProcessRole::Risk | ProcessRole::Executor) {
            keys = keys.with_intent_key(self.intent_key.clone());
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> RunSecrets {
        RunSecrets::generate(RunId::new("run-keys").unwrap())
    }

    #[test]
    fn listener_and_connector_agree_on_the_link_key() {
        let secrets = secrets();
        let executor = secrets.keys_for(ProcessRole::Executor, &[ProcessRole::Risk]);
        let risk = secrets.keys_for(ProcessRole::Risk, &[]);
        let link = Link::new(ProcessRole::Executor, ProcessRole::Risk);
        assert_eq!(
            executor.link_key(link).unwrap(),
            risk.link_key(link).unwrap()
        );
    }

    #[test]
    fn listener_never_receives_a_connector_token() {
        let secrets = secrets();
        let audit = secrets.keys_for(ProcessRole::Audit, &[ProcessRole::Risk]);
        let risk_token = secrets.role_tokens.get(&ProcessRole::Risk).unwrap();
        assert!(
            audit
                .accepted_peers
                .iter()
                .all(|peer| &peer.key != risk_token)
        );
        let elsewhere = Link::new(ProcessRole::Executor, ProcessRole::Risk);
        assert_eq!(
            audit.link_key(elsewhere).unwrap_err().reason_code(),
            livespot_domain::ReasonCode::IpcKeyMissing
        );
        let audit_link = Link::new(ProcessRole::Audit, ProcessRole::Risk);
        assert_ne!(
            audit.link_key(audit_link).unwrap(),
            derive_link_key(risk_token, &secrets.run_id, elsewhere)
        );
    }

    #[test]
    fn peer_token_and_precomputed_link_key_are_equivalent() {
        let secrets = secrets();
        let risk_token = secrets.role_tokens.get(&ProcessRole::Risk).unwrap();
        let from_token = RunKeys::new(
            secrets.run_id.clone(),
            ProcessRole::Executor,
            SecretKey::generate(),
        )
        .accept_peer_token(ProcessRole::Risk, risk_token);
        let from_secrets = secrets.keys_for(ProcessRole::Executor, &[ProcessRole::Risk]);
        let link = Link::new(ProcessRole::Executor, ProcessRole::Risk);
        assert_eq!(
            from_token.link_key(link).unwrap(),
            from_secrets.link_key(link).unwrap()
        );
    }

    #[test]
    fn only_risk_and_executor_hold_the_intent_key() {
        let secrets = secrets();
        for role in ProcessRole::ALL {
            let holds = secrets.keys_for(*role, &[]).intent_key.is_some();
            assert_eq!(
                holds,
                matches!(role, ProcessRole::Risk | ProcessRole::Executor),
                "{role:?}"
            );
        }
    }

    #[test]
    fn run_keys_debug_is_redacted() {
        let keys = secrets().keys_for(ProcessRole::Executor, &[ProcessRole::Risk]);
        let shown = format!("{keys:?}");
        assert!(shown.contains("<redacted>"));
        assert!(!shown.contains(&hex::encode(keys.role_token.expose())));
    }
}
