use std::path::PathBuf;
use std::time::Duration;

use livespot_binance::RestClient;
use livespot_domain::{AuditEvent, OrderIntent, ReasonCode};
use livespot_execution::ExecutionEngine;
use livespot_execution::ExecutionPolicy;
use livespot_execution::account_feed::AccountFeed;
use livespot_execution::driver::DriveInputs;
use livespot_runtime::{ChildContext, ChildLink};
use tokio::sync::{mpsc, watch};

use crate::ExecutorAudit;
use crate::account_publisher::AccountPublisher;
use crate::conditions::ExecutionConditions;

pub const INTENT_QUEUE: usize = 32;
pub const ACCOUNT_INTERVAL_MS: u64 = 2_000;
pub const VENUE_RETRY_PAUSE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone)]
pub struct EngineLink {
    pub intents: mpsc::Sender<OrderIntent>,
    pub accounts: watch::Receiver<Option<String>>,
    pub open_orders: watch::Receiver<u32>,
}

struct EngineSetup {
    client: RestClient,
    var_dir: PathBuf,
    symbols: Vec<String>,
    policy: ExecutionPolicy,
    reconcile_interval_ms: u64,
    link: ChildLink,
}

pub fn spawn_engine(
    context: &ChildContext,
    client: RestClient,
    user_events: Option<mpsc::Receiver<String>>,
    audit: ExecutorAudit,
) -> EngineLink {
    let (intents_tx, intents_rx) = mpsc::channel(INTENT_QUEUE);
    let (states_tx, states_rx) = mpsc::channel(4);
    let (accounts_tx, accounts_rx) = watch::channel(None);
    let (open_orders_tx, open_orders_rx) = watch::channel(0);
    let publisher = AccountPublisher::new(context, accounts_tx, audit.clone())
        .counting_open_orders(open_orders_tx);
    tokio::spawn(publisher.run(states_rx));
    let setup = EngineSetup {
        client,
        var_dir: context.var_dir.clone(),
        symbols: context.config.executor.allowed_symbols.clone(),
        policy: ExecutionPolicy::from_config(&context.config.executor),
        reconcile_interval_ms: context.config.executor.reconcile_interval_ms,
        link: context.link.clone(),
    };
    let inputs = DriveInputs {
        intents: intents_rx,
        user_events,
        account: Some(AccountFeed {
            sink: states_tx,
            interval_ms: ACCOUNT_INTERVAL_MS,
        }),
    };
    tokio::spawn(run_engine(setup, inputs, audit));
    EngineLink {
        intents: intents_tx,
        accounts: accounts_rx,
        open_orders: open_orders_rx,
    }
}

async fn connect_engine(setup: &EngineSetup) -> Option<ExecutionEngine> {
    let symbols: Vec<&str> = setup.symbols.iter().map(String::as_str).collect();
    let shutdown = setup.link.shutdown();
    loop {
        let connected = ExecutionEngine::connect(
            setup.client.clone(),
            &setup.var_dir,
            &symbols,
            setup.policy.clone(),
        )
        .await;
        match connected {
            Ok(engine) => return Some(engine),
            Err(error) => {
                tracing::warn!(reason = error.reason_code().as_str(), %error, "execution engine not ready; retrying");
            }
        }
        tokio::select! {
            () = shutdown.cancelled() => return None,
            () = tokio::time::sleep(VENUE_RETRY_PAUSE) => {}
        }
    }
}

async fn run_engine(setup: EngineSetup, inputs: DriveInputs, audit: ExecutorAudit) {
    let Some(engine) = connect_engine(&setup).await else {
        return;
    };
    tracing::info!(
        symbols = setup.symbols.len(),
        "execution engine connected; recovering the ledger before any new intent"
    );
    let link = setup.link.clone();
    let mut conditions = ExecutionConditions::default();
    let forward = move |event: AuditEvent| {
        conditions.observe(&link, &event);
        audit.record_event(event);
    };
    let driven = engine
        .drive(
            inputs,
            setup.link.shutdown(),
            setup.reconcile_interval_ms,
            forward,
        )
        .await;
    if let Err(error) = driven {
        tracing::error!(reason = error.reason_code().as_str(), %error, "execution engine stopped");
        setup.link.raise(
            ReasonCode::ExecutionVenueUnavailable,
            format!("execution engine stopped: {error}"),
        );
    }
}
