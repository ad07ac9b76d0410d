use livespot_domain::{AuditEventType, CorrelationIds, ReasonCode, SignedIntent};
use livespot_ipc::{Connection, EnvelopeWriter, Payload};
use livespot_runtime::ChildLink;
use tokio::sync::{mpsc, watch};

use crate::server::SharedIntake;
use crate::{EngineLink, ExecutorAudit, IntakeDecision};

const REPLY_QUEUE: usize = 16;

type Reply = (CorrelationIds, Payload);

pub async fn serve_connection(
    connection: Connection,
    intake: SharedIntake,
    link: ChildLink,
    audit: ExecutorAudit,
    engine: EngineLink,
) {
    let peer = connection.peer();
    let (mut reader, writer) = connection.into_split();
    let (replies, replies_rx) = mpsc::channel(REPLY_QUEUE);
    let writing = tokio::spawn(write_loop(writer, replies_rx, engine.accounts.clone()));
    let served = Served {
        intake,
        link,
        audit,
        engine,
        replies,
    };
    loop {
        match reader.read_envelope().await {
            Ok(Some(envelope)) => {
                let Payload::SignedIntent(signed) = envelope.payload else {
                    tracing::warn!(
                        reason = "IPC_PAYLOAD_UNEXPECTED",
                        kind = envelope.payload.kind(),
                        "ignored"
                    );
                    continue;
                };
                served.on_intent(envelope.correlation, &signed).await;
            }
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(peer = peer.as_str(), reason = error.reason_code().as_str(), %error, "bad frame at the intake");
                if !error.connection_still_aligned() {
                    break;
                }
            }
        }
    }
    writing.abort();
}

struct Served {
    intake: SharedIntake,
    link: ChildLink,
    audit: ExecutorAudit,
    engine: EngineLink,
    replies: mpsc::Sender<Reply>,
}

impl Served {
    async fn on_intent(&self, correlation: CorrelationIds, signed: &SignedIntent) {
        let Some((reason, detail)) = self.admit(signed) else {
            return;
        };
        let id = signed.intent.order_intent_id.clone();
        tracing::warn!(audit_event = "INTENT_REFUSED", order_intent_id = id.as_str(), reason = reason.as_str(), %detail, "intent refused");
        let mut refused = correlation.clone();
        refused.order_intent_id = Some(id.clone());
        let payload = serde_json::json!({ "detail": detail, "intent": signed.intent });
        self.audit.record(
            AuditEventType::IntentRefused,
            Some(refused),
            vec![reason],
            &payload,
        );
        let reply = Payload::IntentRefused {
            order_intent_id: id,
            reasons: vec![reason],
            detail,
        };
        if self.replies.send((correlation, reply)).await.is_err() {
            tracing::warn!(reason = "IPC_LINK_CLOSED", "refusal not delivered");
        }
    }

    fn admit(&self, signed: &SignedIntent) -> Option<(ReasonCode, String)> {
        let open_orders = *self.engine.open_orders.borrow();
        let decision = match self.intake.lock() {
            Ok(mut guard) => {
                guard.set_open_orders(open_orders);
                guard.decide(signed, self.link.mode())
            }
            Err(_) => IntakeDecision::Refused {
                reason: ReasonCode::IntentNonceStoreFailed,
                detail: "intake state poisoned".to_owned(),
            },
        };
        if let IntakeDecision::Refused { reason, detail } = decision {
            return Some((reason, detail));
        }
        let id = signed.intent.order_intent_id.as_str();
        match self.engine.intents.try_send(signed.intent.clone()) {
            Ok(()) => {
                tracing::info!(
                    order_intent_id = id,
                    "intent verified and handed to the execution engine"
                );
                None
            }
            Err(mpsc::error::TrySendError::Full(_)) => Some((
                ReasonCode::ExecutionQueueFull,
                "the execution engine queue is full".to_owned(),
            )),
            Err(mpsc::error::TrySendError::Closed(_)) => Some((
                ReasonCode::ExecutionVenueUnavailable,
                "the execution engine is not running".to_owned(),
            )),
        }
    }
}

async fn write_loop(
    mut writer: EnvelopeWriter,
    mut replies: mpsc::Receiver<Reply>,
    mut accounts: watch::Receiver<Option<String>>,
) {
    accounts.mark_changed();
    let mut accounts_open = true;
    loop {
        let next = tokio::select! {
            reply = replies.recv() => match reply {
                Some(reply) => reply,
                None => return,
            },
            changed = accounts.changed(), if accounts_open => {
                if changed.is_err() {
                    accounts_open = false;
                    continue;
                }
                let Some(payload_json) = accounts.borrow_and_update().clone() else {
                    continue;
                };
                (CorrelationIds::default(), Payload::AccountState { payload_json })
            }
        };
        if let Err(error) = writer.send(next.0, next.1).await {
            tracing::warn!(reason = error.reason_code().as_str(), %error, "executor link to risk lost");
            return;
        }
    }
}
