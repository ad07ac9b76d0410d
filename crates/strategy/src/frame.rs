use std::path::Path;
use std::time::Duration;

use livespot_aigate::ApiKey;
use livespot_domain::{AuditEventType, ProcessRole, SystemClock};
use livespot_ipc::{Endpoint, FrameLimits, IpcLimits, system_now_ms};
use livespot_runtime::{ChildContext, ExitStatus, SecretName, attach_session_keyring, load_secret};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::audit_out::{Auditor, Ids};
use crate::book::MarketBook;
use crate::cycle::CycleEngine;
use crate::entry::EntryPath;
use crate::forward::RiskForwarder;
use crate::gate::GateRunner;
use crate::inbox::{self, Incoming};
use crate::report::{audit_report, outcome_ids};

pub const DOTENV_FILE: &str = ".env";
pub const CLOSE_DEBOUNCE: Duration = Duration::from_millis(200);

struct Runner {
    context: ChildContext,
    auditor: Auditor,
    forwarder: RiskForwarder,
    gate: Option<GateRunner>,
    engine: CycleEngine,
    book: MarketBook,
}

pub fn ipc_limits(context: &ChildContext) -> IpcLimits {
    IpcLimits {
        frame: FrameLimits {
            max_frame_bytes: context.config.ipc.max_frame_bytes,
        },
        handshake_timeout: Duration::from_millis(context.config.ipc.handshake_timeout_ms),
        ..IpcLimits::default()
    }
}

fn openai_key() -> Option<ApiKey> {
    attach_session_keyring();
    match load_secret(SecretName::OpenaiApiKey, Path::new(DOTENV_FILE)) {
        Ok((key, source)) => {
            tracing::info!(?source, "OpenAI key loaded");
            Some(ApiKey::new(key.expose()))
        }
        Err(error) => {
            tracing::warn!(reason = error.reason_code(), %error, "no OpenAI key: the AI gate will fail closed");
            None
        }
    }
}

fn endpoint(context: &ChildContext, role: ProcessRole) -> Endpoint {
    Endpoint::for_role(&context.var_dir, &context.keys.run_id, role)
}

pub async fn run(context: ChildContext) -> ExitStatus {
    let key = openai_key();
    let limits = ipc_limits(&context);
    let shutdown = context.link.shutdown();
    let gate = match GateRunner::start(&context.config, context.keys.mode, &context.var_dir, key)
        .await
    {
        Ok(gate) => Some(gate),
        Err(error) => {
            tracing::error!(reason = error.reason_code().as_str(), %error, "AI gate unavailable: entries are held");
            None
        }
    };
    let keys = context.keys.ipc.clone();
    let inbox = inbox::spawn(
        endpoint(&context, ProcessRole::Marketdata),
        keys.clone(),
        limits,
        shutdown.clone(),
    );
    let forwarder = RiskForwarder::spawn(
        endpoint(&context, ProcessRole::Risk),
        keys,
        limits,
        shutdown,
    );
    let runner = Runner {
        auditor: Auditor::connect(&context, limits),
        engine: CycleEngine::new(&context.config, format!("CYC-{}", system_now_ms())),
        book: MarketBook::default(),
        forwarder,
        gate,
        context,
    };
    runner.run(inbox).await;
    ExitStatus::Success
}

impl Runner {
    async fn run(mut self, mut inbox: mpsc::Receiver<Incoming>) {
        let shutdown = self.context.link.shutdown();
        let period =
            Duration::from_millis(self.context.config.marketdata.strategy_cycle_interval_ms);
        let mut timer = tokio::time::interval(period);
        let mut close_due: Option<Instant> = None;
        loop {
            let debounce = close_due.unwrap_or_else(|| Instant::now() + period);
            tokio::select! {
                () = shutdown.cancelled() => return,
                incoming = inbox.recv() => match incoming {
                    Some(Incoming::Snapshot(message)) => {
                        if self.book.ingest(*message) && close_due.is_none() {
                            close_due = Some(Instant::now() + CLOSE_DEBOUNCE);
                        }
                    }
                    Some(Incoming::Refused(violation)) => self.refuse(&violation),
                    None => return,
                },
                () = tokio::time::sleep_until(debounce), if close_due.is_some() => {
                    close_due = None;
                    self.cycle("KLINE_CLOSE").await;
                }
                _ = timer.tick() => self.cycle("TIMER").await,
            }
        }
    }

    fn refuse(&self, violation: &livespot_domain::ContractViolation) {
        tracing::warn!(reason = violation.reason.as_str(), %violation, "snapshot refused");
        self.auditor.emit(
            AuditEventType::IpcContractViolation,
            &Ids::default(),
            vec![violation.reason],
            violation,
        );
    }

    async fn cycle(&mut self, trigger: &str) {
        if self.book.symbols.is_empty() {
            return;
        }
        if let Some(equity) = self.forwarder.latest_equity() {
            self.engine.set_equity(equity);
        }
        let report = match self.engine.run_cycle(&self.book, &SystemClock) {
            Ok(report) => report,
            Err(error) => {
                tracing::warn!(reason = error.reason_code().as_str(), %error, "cycle failed");
                return;
            }
        };
        tracing::debug!(cycle_id = %report.cycle_id, trigger, decisions = report.outcomes.len(), "cycle");
        audit_report(&self.auditor, &report);
        let params = self.engine.params().strategy.clone();
        for outcome in &report.outcomes {
            let path = EntryPath {
                auditor: &self.auditor,
                link: &self.context.link,
                forwarder: &self.forwarder,
                params: &params,
            };
            let ids = outcome_ids(&report, outcome);
            if path.run(self.gate.as_mut(), &ids, outcome).await {
                self.engine
                    .note_entry(&outcome.symbol, report.ts_ms, outcome.bar_open_ms);
            }
        }
    }
}
