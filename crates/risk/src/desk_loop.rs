use livespot_audit::AuditClient;
use livespot_domain::{AuditEvent, Clock, ProcessRole, RunId, SystemClock};
use livespot_ipc::{Envelope, Payload, fresh_intent_nonce};
use livespot_runtime::ChildLink;
use tokio::sync::{mpsc, watch};

use crate::audit_events::contract_violation_event;
use crate::desk::RiskDesk;
use crate::executor_link::Outgoing;
use crate::inbound::{Inbound, unexpected};
use crate::snapshot_feed::market_from_snapshot;
use crate::wire::{decode_account, decode_proposal};

#[derive(Debug)]
pub struct DeskLoop {
    pub desk: RiskDesk,
    pub audit: AuditClient,
    pub link: ChildLink,
    pub run_id: RunId,
    pub outgoing: mpsc::Sender<Outgoing>,
    pub accounts: watch::Sender<Option<String>>,
    pub cadence_minutes: u32,
}

impl DeskLoop {
    pub async fn run(mut self, mut inbox: mpsc::Receiver<Inbound>) {
        let shutdown = self.link.shutdown();
        loop {
            let inbound = tokio::select! {
                () = shutdown.cancelled() => return,
                received = inbox.recv() => match received {
                    Some(inbound) => inbound,
                    None => return,
                },
            };
            self.handle(inbound);
        }
    }

    fn handle(&mut self, inbound: Inbound) {
        match inbound {
            Inbound::Envelope(envelope) => self.on_envelope(*envelope),
            Inbound::Violation {
                peer,
                kind,
                violation,
            } => {
                let now_ms = SystemClock.now_ms();
                let event = contract_violation_event(&self.run_id, now_ms, peer, &kind, &violation);
                self.record(event);
            }
        }
    }

    fn on_envelope(&mut self, envelope: Envelope) {
        let sender = envelope.sender;
        match (sender, envelope.payload) {
            (ProcessRole::Strategy, Payload::Proposal { payload_json }) => {
                self.on_proposal(&payload_json);
            }
            (ProcessRole::Executor, Payload::AccountState { payload_json }) => {
                self.on_account_state(&payload_json, envelope.ts_ms);
            }
            (
                ProcessRole::Executor,
                Payload::IntentRefused {
                    order_intent_id,
                    reasons,
                    detail,
                },
            ) => {
                tracing::warn!(
                    order_intent_id = order_intent_id.as_str(),
                    reasons = ?reasons,
                    %detail,
                    "executor refused a signed intent"
                );
            }
            (ProcessRole::Marketdata, Payload::MarketSnapshot { payload_json }) => {
                self.on_snapshot(&payload_json);
            }
            (ProcessRole::Executor, Payload::IntentUpdate { update, .. }) => {
                tracing::info!(
                    order_intent_id = update.order_intent_id.as_str(),
                    state = ?update.state,
                    "intent update from the executor"
                );
            }
            (_, Payload::Heartbeat { .. }) => {}
            (peer, payload) => self.handle(unexpected(peer, payload.kind())),
        }
    }

    fn on_proposal(&mut self, payload_json: &str) {
        let message = match decode_proposal(payload_json) {
            Ok(message) => message,
            Err(violation) => {
                return self.handle(Inbound::Violation {
                    peer: ProcessRole::Strategy,
                    kind: "PROPOSAL".to_owned(),
                    violation,
                });
            }
        };
        let mode = self.link.mode();
        let judged = self
            .desk
            .judge(&message, mode, &SystemClock, fresh_intent_nonce());
        let judgement = match judged {
            Ok(judgement) => judgement,
            Err(error) => {
                tracing::error!(reason = error.reason_code(), %error, "proposal not judged");
                return;
            }
        };
        let correlation = judgement.event.correlation.clone();
        tracing::info!(
            decision_id = judgement.assessment.verdict.decision_id().as_str(),
            approved = judgement.assessment.verdict.is_approved(),
            reasons = ?judgement.assessment.verdict.reason_codes(),
            mode = mode.as_str(),
            "RISK_VERDICT"
        );
        self.record(judgement.event);
        if let Some(signed) = judgement.signed {
            let outgoing = Outgoing {
                signed,
                correlation,
            };
            if let Err(error) = self.outgoing.try_send(outgoing) {
                tracing::error!(reason = "RISK_INTENT_NOT_QUEUED", %error, "signed intent dropped");
            }
        }
    }

    fn on_account_state(&mut self, payload_json: &str, sent_ts_ms: i64) {
        match decode_account(payload_json) {
            Ok(view) => {
                if self.desk.account_as_of_ms().is_none() {
                    tracing::info!(
                        reason = "RISK_ACCOUNT_STATE_FIRST",
                        "first account state received from the executor"
                    );
                }
                let as_of_ms = sent_ts_ms.min(SystemClock.now_ms());
                self.desk.on_account_state(view, as_of_ms);
                self.accounts.send_replace(Some(payload_json.to_owned()));
            }
            Err(violation) => self.handle(Inbound::Violation {
                peer: ProcessRole::Executor,
                kind: "ACCOUNT_STATE".to_owned(),
                violation,
            }),
        }
    }

    fn on_snapshot(&mut self, payload_json: &str) {
        match market_from_snapshot(payload_json, self.cadence_minutes) {
            Ok(Some(market)) => {
                self.desk.on_market(&market, SystemClock.now_ms());
            }
            Ok(None) => tracing::debug!(
                reason = "RISK_VOLATILITY_UNKNOWN",
                "snapshot without enough klines"
            ),
            Err(violation) => self.handle(Inbound::Violation {
                peer: ProcessRole::Marketdata,
                kind: "MARKET_SNAPSHOT".to_owned(),
                violation,
            }),
        }
    }

    fn record(&self, event: AuditEvent) {
        let event_type = event.event_type.as_str();
        if let Err(error) = self.audit.record(event) {
            tracing::warn!(reason = "RISK_AUDIT_RECORD_FAILED", %error, event_type, "audit event kept in the log only");
        }
    }
}
