use std::time::Duration;

use livespot_domain::ProcessRole;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite};

use crate::envelope::PROTOCOL_VERSION;
use crate::error::IpcError;
use crate::frame::{FrameLimits, read_message, write_message};
use crate::mac::{MAC_BYTES, compute_mac, verify_mac};
use crate::run_keys::{Link, RunKeys};
use crate::secret_key::SecretKey;

pub const CHALLENGE_NONCE_BYTES: usize = 32;
const HANDSHAKE_FRAME_LIMITS: FrameLimits = FrameLimits {
    max_frame_bytes: 256,
};
const CONNECTOR_PROOF_LABEL: &[u8] = b"LIVESPOT_IPC_CONNECTOR_PROOF_V1";
const LISTENER_PROOF_LABEL: &[u8] = b"LIVESPOT_IPC_LISTENER_PROOF_V1";

type Nonce = [u8; CHALLENGE_NONCE_BYTES];

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Challenge {
    protocol_version: u16,
    listener: ProcessRole,
    nonce: Nonce,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Response {
    protocol_version: u16,
    connector: ProcessRole,
    mac: [u8; MAC_BYTES],
    connector_nonce: Nonce,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ListenerProof {
    mac: [u8; MAC_BYTES],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandshakeFailure {
    pub claimed_role: Option<ProcessRole>,
    pub error: IpcError,
}

fn fresh_nonce() -> Nonce {
    let mut nonce = [0_u8; CHALLENGE_NONCE_BYTES];
    rand::rng().fill_bytes(&mut nonce);
    nonce
}

fn proof(key: &SecretKey, label: &[u8], nonce: &Nonce, link: Link) -> [u8; MAC_BYTES] {
    compute_mac(key, &proof_parts(label, nonce, link))
}

fn proof_parts<'a>(label: &'a [u8], nonce: &'a Nonce, link: Link) -> [&'a [u8]; 4] {
    [
        label,
        nonce,
        link.listener.as_str().as_bytes(),
        link.connector.as_str().as_bytes(),
    ]
}

fn require_version(received: u16) -> Result<(), IpcError> {
    if received == PROTOCOL_VERSION {
        Ok(())
    } else {
        Err(IpcError::BadVersion {
            received,
            supported: PROTOCOL_VERSION,
        })
    }
}

async fn expect_message<S, T>(stream: &mut S) -> Result<T, IpcError>
where
    S: AsyncRead + Unpin,
    T: serde::de::DeserializeOwned,
{
    read_message(stream, HANDSHAKE_FRAME_LIMITS)
        .await?
        .ok_or_else(|| IpcError::AuthFailed("peer closed during handshake".to_owned()))
}

pub async fn listener_handshake<S>(
    stream: &mut S,
    keys: &RunKeys,
    allowlist: &[ProcessRole],
    timeout: Duration,
) -> Result<ProcessRole, HandshakeFailure>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut claimed_role = None;
    let outcome = tokio::time::timeout(
        timeout,
        run_listener_side(stream, keys, allowlist, &mut claimed_role),
    )
    .await
    .unwrap_or_else(|_| Err(IpcError::HandshakeTimeout(duration_ms(timeout))));
    outcome.map_err(|error| HandshakeFailure {
        claimed_role,
        error,
    })
}

async fn run_listener_side<S>(
    stream: &mut S,
    keys: &RunKeys,
    allowlist: &[ProcessRole],
    claimed_role: &mut Option<ProcessRole>,
) -> Result<ProcessRole, IpcError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let nonce = fresh_nonce();
    let challenge = Challenge {
        protocol_version: PROTOCOL_VERSION,
        listener: keys.role,
        nonce,
    };
    write_message(stream, &challenge, HANDSHAKE_FRAME_LIMITS).await?;
    let response: Response = expect_message(stream).await?;
    *claimed_role = Some(response.connector);
    require_version(response.protocol_version)?;
    if !allowlist.contains(&response.connector) {
        return Err(IpcError::RoleNotAllowed(response.connector));
    }
    let link = Link::new(keys.role, response.connector);
    let key = &keys.link_key(link)?;
    if !verify_mac(
        key,
        &proof_parts(CONNECTOR_PROOF_LABEL, &nonce, link),
        &response.mac,
    ) {
        return Err(IpcError::AuthFailed(format!(
            "connector claiming {} did not prove its link key",
            response.connector.as_str()
        )));
    }
    let answer = ListenerProof {
        mac: proof(key, LISTENER_PROOF_LABEL, &response.connector_nonce, link),
    };
    write_message(stream, &answer, HANDSHAKE_FRAME_LIMITS).await?;
    Ok(response.connector)
}

pub async fn connector_handshake<S>(
    stream: &mut S,
    keys: &RunKeys,
    listener: ProcessRole,
    timeout: Duration,
) -> Result<(), IpcError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    tokio::time::timeout(timeout, run_connector_side(stream, keys, listener))
        .await
        .unwrap_or_else(|_| Err(IpcError::HandshakeTimeout(duration_ms(timeout))))
}

async fn run_connector_side<S>(
    stream: &mut S,
    keys: &RunKeys,
    listener: ProcessRole,
) -> Result<(), IpcError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let link = Link::new(listener, keys.role);
    let key = &keys.link_key(link)?;
    let challenge: Challenge = expect_message(stream).await?;
    require_version(challenge.protocol_version)?;
    if challenge.listener != listener {
        return Err(IpcError::AuthFailed(format!(
            "expected listener {} but {} answered",
            listener.as_str(),
            challenge.listener.as_str()
        )));
    }
    let connector_nonce = fresh_nonce();
    let response = Response {
        protocol_version: PROTOCOL_VERSION,
        connector: keys.role,
        mac: proof(key, CONNECTOR_PROOF_LABEL, &challenge.nonce, link),
        connector_nonce,
    };
    write_message(stream, &response, HANDSHAKE_FRAME_LIMITS).await?;
    let answer: ListenerProof = expect_message(stream).await?;
    let parts = proof_parts(LISTENER_PROOF_LABEL, &connector_nonce, link);
    if verify_mac(key, &parts, &answer.mac) {
        Ok(())
    } else {
        Err(IpcError::AuthFailed(format!(
            "listener {} did not prove its link key",
            listener.as_str()
        )))
    }
}

fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
#[path = "handshake_tests.rs"]
mod tests;
