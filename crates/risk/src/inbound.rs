use livespot_domain::{ContractViolation, ProcessRole, ReasonCode};
use livespot_ipc::{Envelope, EnvelopeReader, IpcError};
use tokio::sync::mpsc;

#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    Envelope(Box<Envelope>),
    Violation {
        peer: ProcessRole,
        kind: String,
        violation: ContractViolation,
    },
}

pub fn violation_from_ipc(error: &IpcError) -> ContractViolation {
    match error {
        IpcError::ContractViolation(violation) => violation.clone(),
        other => ContractViolation::new(other.reason_code(), "frame", other.to_string()),
    }
}

pub async fn forward_envelopes(mut reader: EnvelopeReader, inbox: mpsc::Sender<Inbound>) {
    let peer = reader.peer();
    loop {
        let inbound = match reader.read_envelope().await {
            Ok(Some(envelope)) => Inbound::Envelope(Box::new(envelope)),
            Ok(None) => return,
            Err(error) => {
                let aligned = error.connection_still_aligned();
                tracing::warn!(
                    peer = peer.as_str(),
                    reason = error.reason_code().as_str(),
                    %error,
                    "bad frame at risk"
                );
                let violation = violation_from_ipc(&error);
                let report = Inbound::Violation {
                    peer,
                    kind: "FRAME".to_owned(),
                    violation,
                };
                if inbox.send(report).await.is_err() || !aligned {
                    return;
                }
                continue;
            }
        };
        if inbox.send(inbound).await.is_err() {
            return;
        }
    }
}

pub fn unexpected(peer: ProcessRole, kind: &str) -> Inbound {
    Inbound::Violation {
        peer,
        kind: kind.to_owned(),
        violation: ContractViolation::new(
            ReasonCode::IpcContractViolation,
            "payload",
            format!("{kind} is not accepted from {}", peer.as_str()),
        ),
    }
}
