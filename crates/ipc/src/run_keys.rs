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

    pub fn involves(&self, role: ProcessRole) -> bool {
        self.listener == role || self.connector == role
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkKeyEntry {
    pub link: Link,
    pub key: SecretKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunKeys {
    pub run_id: RunId,
    pub role: ProcessRole,
    pub link_keys: Vec<LinkKeyEntry>,
    pub intent_key: Option<SecretKey>,
}

impl RunKeys {
    pub fn link_key(&self, link: Link) -> Result<&SecretKey, IpcError> {
        self.link_keys
            .iter()
            .find(|entry| entry.link == link)
            .map(|entry| &entry.key)
            .ok_or(IpcError::KeyMissing {
                listener: link.listener,
                connector: link.connector,
            })
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

    pub fn link_key(&self, link: Link) -> Result<SecretKey, IpcError> {
        let token = self
            .role_tokens
            .get(&link.connector)
            .ok_or(IpcError::KeyMissing {
                listener: link.listener,
                connector: link.connector,
            })?;
        let mac = compute_mac(
            token,
            &[
                LINK_KEY_LABEL,
                self.run_id.as_str().as_bytes(),
                link.listener.as_str().as_bytes(),
                link.connector.as_str().as_bytes(),
            ],
        );
        Ok(SecretKey::from_bytes(mac))
    }

    pub fn keys_for(&self, role: ProcessRole, links: &[Link]) -> Result<RunKeys, IpcError> {
        let link_keys = links
            .iter()
            .filter(|link| link.involves(role))
            .map(|link| {
                self.link_key(*link)
                    .map(|key| LinkKeyEntry { link: *link, key })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let intent_key = matches!(role, ProcessRole::Risk | ProcessRole::Executor)
            .then(|| self.intent_key.clone());
        Ok(RunKeys {
            run_id: self.run_id.clone(),
            role,
            link_keys,
            intent_key,
        })
    }
}
