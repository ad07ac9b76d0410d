#![allow(dead_code)]
#![expect(clippy::expect_used, reason = "test peers fail loudly")]

pub mod samples;

use std::time::Duration;

use livespot_config::Config;
use livespot_domain::{AuditEvent, CorrelationIds, ProcessRole, RunId, SignedIntent, SysMode};
use livespot_ipc::{
    Connection, Endpoint, IpcLimits, Listener, Payload, RetryPolicy, RunSecrets, connect_with_retry,
};
use livespot_runtime::{ChildContext, ChildLink, ExitStatus, RunKeys, RunMode};
use tempfile::TempDir;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub const WAIT_BOUND: Duration = Duration::from_secs(15);

pub struct Harness {
    pub secrets: RunSecrets,
    pub config: Config,
    pub var_dir: TempDir,
    pub mode: watch::Sender<SysMode>,
    pub shutdown: CancellationToken,
    pub risk: JoinHandle<ExitStatus>,
    pub audit_events: mpsc::Receiver<AuditEvent>,
    pub intents: mpsc::Receiver<SignedIntent>,
    pub strategy: Connection,
    pub snapshots: mpsc::Sender<String>,
    pub account_states: mpsc::Sender<String>,
}

impl Harness {
    pub fn endpoint(&self, role: ProcessRole) -> Endpoint {
        Endpoint::for_role(self.var_dir.path(), &self.secrets.run_id, role)
    }

    pub async fn connect_as(&self, role: ProcessRole) -> anyhow::Result<Connection> {
        let keys = self.secrets.keys_for(role, &[]);
        let endpoint = self.endpoint(ProcessRole::Risk);
        let policy = RetryPolicy::default();
        Ok(connect_with_retry(&endpoint, &keys, IpcLimits::default(), policy).await?)
    }

    pub async fn propose(&mut self, payload_json: String) -> anyhow::Result<()> {
        let payload = Payload::Proposal { payload_json };
        self.strategy
            .send(CorrelationIds::default(), payload)
            .await?;
        Ok(())
    }

    pub async fn next_audit(&mut self, wanted: impl Fn(&AuditEvent) -> bool) -> AuditEvent {
        loop {
            let event = tokio::time::timeout(WAIT_BOUND, self.audit_events.recv())
                .await
                .expect("audit event within the wait bound")
                .expect("test peer audit still running");
            if wanted(&event) {
                return event;
            }
        }
    }

    pub async fn next_intent(&mut self) -> SignedIntent {
        tokio::time::timeout(WAIT_BOUND, self.intents.recv())
            .await
            .expect("signed intent within the wait bound")
            .expect("test peer executor still running")
    }

    pub async fn stop(self) -> ExitStatus {
        self.shutdown.cancel();
        tokio::time::timeout(WAIT_BOUND, self.risk)
            .await
            .expect("risk stops within the wait bound")
            .expect("risk task joined")
    }
}

struct TestPeers {
    audit_events: mpsc::Receiver<AuditEvent>,
    intents: mpsc::Receiver<SignedIntent>,
    snapshots: mpsc::Sender<String>,
    account_states: mpsc::Sender<String>,
}

fn spawn_test_peers(secrets: &RunSecrets, var_dir: &TempDir) -> anyhow::Result<TestPeers> {
    let peer_listener = |role: ProcessRole| {
        let endpoint = Endpoint::for_role(var_dir.path(), &secrets.run_id, role);
        let keys = secrets.keys_for(role, &[ProcessRole::Risk]);
        Listener::bind(
            endpoint,
            vec![ProcessRole::Risk],
            keys,
            IpcLimits::default(),
        )
    };
    let (audit_tx, audit_events) = mpsc::channel(256);
    let (intent_tx, intents) = mpsc::channel(64);
    let (snapshots, snapshot_rx) = mpsc::channel(16);
    let audit = peer_listener(ProcessRole::Audit)?;
    tokio::spawn(test_peer_audit(audit, audit_tx));
    let executor = peer_listener(ProcessRole::Executor)?;
    let (account_states, account_rx) = mpsc::channel(16);
    tokio::spawn(test_peer_executor(executor, intent_tx, account_rx));
    let marketdata = peer_listener(ProcessRole::Marketdata)?;
    tokio::spawn(test_peer_marketdata(marketdata, snapshot_rx));
    Ok(TestPeers {
        audit_events,
        intents,
        snapshots,
        account_states,
    })
}

pub async fn start(run: &str) -> anyhow::Result<Harness> {
    let var_dir = tempfile::tempdir()?;
    let secrets = RunSecrets::generate(RunId::new(run)?);
    let config = Config::shipped()?;
    let peers = spawn_test_peers(&secrets, &var_dir)?;
    let (mode, mode_rx) = watch::channel(SysMode::Normal);
    let shutdown = CancellationToken::new();
    let context = risk_context(&secrets, &config, &var_dir, mode_rx, shutdown.clone());
    let risk = tokio::spawn(livespot_risk::run(context));
    let strategy_keys = secrets.keys_for(ProcessRole::Strategy, &[]);
    let endpoint = Endpoint::for_role(var_dir.path(), &secrets.run_id, ProcessRole::Risk);
    let policy = RetryPolicy::default();
    let strategy =
        connect_with_retry(&endpoint, &strategy_keys, IpcLimits::default(), policy).await?;
    Ok(Harness {
        secrets,
        config,
        var_dir,
        mode,
        shutdown,
        risk,
        audit_events: peers.audit_events,
        intents: peers.intents,
        strategy,
        snapshots: peers.snapshots,
        account_states: peers.account_states,
    })
}

fn risk_context(
    secrets: &RunSecrets,
    config: &Config,
    var_dir: &TempDir,
    mode: watch::Receiver<SysMode>,
    shutdown: CancellationToken,
) -> ChildContext {
    let (reports, _) = mpsc::unbounded_channel();
    let ipc = secrets.keys_for(
        ProcessRole::Risk,
        &[ProcessRole::Strategy, ProcessRole::Executor],
    );
    ChildContext {
        config: config.clone(),
        keys: RunKeys {
            run_id: secrets.run_id.clone(),
            role: ProcessRole::Risk,
            mode: RunMode::Sim,
            ipc,
            venue: None,
            venue_credentials: None,
            socket_dir: var_dir.path().join("run"),
            heartbeat_interval_ms: 1_000,
        },
        var_dir: var_dir.path().to_path_buf(),
        config_path: var_dir.path().join("livespot.toml"),
        link: ChildLink::new(reports, mode, shutdown),
    }
}

async fn test_peer_audit(mut listener: Listener, events: mpsc::Sender<AuditEvent>) {
    while let Ok(mut connection) = listener.accept().await {
        while let Ok(Some(envelope)) = connection.read_envelope().await {
            if let Payload::AuditEvent { seq, event } = envelope.payload {
                let ack = Payload::AuditAck {
                    sender: envelope.sender,
                    seq,
                };
                if events.send(event).await.is_err()
                    || connection
                        .send(CorrelationIds::default(), ack)
                        .await
                        .is_err()
                {
                    return;
                }
            }
        }
    }
}

async fn test_peer_executor(
    mut listener: Listener,
    intents: mpsc::Sender<SignedIntent>,
    mut account_states: mpsc::Receiver<String>,
) {
    let Ok(connection) = listener.accept().await else {
        return;
    };
    let (mut reader, mut writer) = connection.into_split();
    tokio::spawn(async move {
        while let Some(payload_json) = account_states.recv().await {
            let payload = Payload::AccountState { payload_json };
            if writer
                .send(CorrelationIds::default(), payload)
                .await
                .is_err()
            {
                return;
            }
        }
    });
    while let Ok(Some(envelope)) = reader.read_envelope().await {
        if let Payload::SignedIntent(signed) = envelope.payload
            && intents.send(signed).await.is_err()
        {
            return;
        }
    }
}

async fn test_peer_marketdata(mut listener: Listener, mut snapshots: mpsc::Receiver<String>) {
    let Ok(mut connection) = listener.accept().await else {
        return;
    };
    while let Some(payload_json) = snapshots.recv().await {
        let payload = Payload::MarketSnapshot { payload_json };
        if connection
            .send(CorrelationIds::default(), payload)
            .await
            .is_err()
        {
            return;
        }
    }
}
