use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use livespot_binance::RestClient;
use livespot_domain::{AuditEvent, AuditEventType, OrderIntent, SystemClock};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::account_feed::{AccountFeed, next_tick};
use crate::rules::load_rules;
use crate::{ExecutionEngine, ExecutionError, ExecutionPolicy, Ledger, executor_ledger_path};

#[derive(Debug)]
pub struct DriveInputs {
    pub intents: mpsc::Receiver<OrderIntent>,
    pub user_events: Option<mpsc::Receiver<String>>,
    pub account: Option<AccountFeed>,
}

impl ExecutionEngine {
    pub async fn connect(
        client: RestClient,
        var_dir: &Path,
        symbols: &[&str],
        policy: ExecutionPolicy,
    ) -> Result<Self, ExecutionError> {
        let rules = load_rules(&client, symbols).await?;
        let ledger = Ledger::open(&executor_ledger_path(var_dir))?;
        Ok(Self::new(
            client,
            ledger,
            rules,
            Arc::new(SystemClock),
            policy,
        ))
    }

    fn flush_events(&mut self, audit: &mut impl FnMut(AuditEvent)) {
        for event in self.take_events() {
            audit(event);
        }
    }

    async fn handle_intent(&mut self, intent: &OrderIntent) {
        let id = intent.order_intent_id.as_str().to_owned();
        match self.execute(intent).await {
            Ok(report) => {
                tracing::info!(order_intent_id = id, state = %report.entry.intent_state, "intent executed");
            }
            Err(error) => {
                tracing::warn!(order_intent_id = id, reason = error.reason_code().as_str(), %error, "intent not executed");
                self.emit(
                    AuditEventType::IntentState,
                    &id,
                    vec![error.reason_code()],
                    &error.to_string(),
                );
            }
        }
    }

    async fn reconcile_logged(&mut self) {
        match self.reconcile().await {
            Ok(report) if report.drift_exceeded => {
                tracing::warn!(reasons = ?report.reasons, diffs = report.diffs.len(), "reconciliation found drift");
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(reason = error.reason_code().as_str(), %error, "reconciliation failed");
            }
        }
    }

    async fn user_event_logged(&mut self, symbol: &str) {
        if let Err(error) = self.reconcile_symbol(symbol).await {
            tracing::warn!(symbol, reason = error.reason_code().as_str(), %error, "reconciliation after a user data event failed");
        }
    }

    pub async fn drive(
        mut self,
        inputs: DriveInputs,
        shutdown: CancellationToken,
        reconcile_interval_ms: u64,
        mut audit: impl FnMut(AuditEvent),
    ) -> Result<Self, ExecutionError> {
        let recovered = self.recover_at_start().await;
        self.flush_events(&mut audit);
        recovered?;
        self.reconcile_logged().await;
        self.flush_events(&mut audit);
        let mut timer = tokio::time::interval(Duration::from_millis(reconcile_interval_ms.max(1)));
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        timer.tick().await;
        let DriveInputs {
            mut intents,
            mut user_events,
            account,
        } = inputs;
        let mut account_timer = account.as_ref().map(AccountFeed::timer);
        self.publish_account(account.as_ref()).await;
        loop {
            let user_event = async {
                match user_events.as_mut() {
                    Some(events) => events.recv().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = shutdown.cancelled() => return Ok(self),
                _ = timer.tick() => self.reconcile_logged().await,
                () = next_tick(account_timer.as_mut()) => self.publish_account(account.as_ref()).await,
                Some(symbol) = user_event => self.user_event_logged(&symbol).await,
                next = intents.recv() => match next {
                    Some(intent) => {
                        self.handle_intent(&intent).await;
                        self.publish_account(account.as_ref()).await;
                    }
                    None => return Ok(self),
                },
            }
            self.flush_events(&mut audit);
        }
    }
}
