use std::sync::mpsc;
use std::time::{Duration, Instant};

use livespot_domain::{CorrelationIds, OrderIntent, ProcessRole, ReasonCode};
use livespot_ipc::{
    EnvelopeWriter, IpcLimits, Payload, SecretKey, connect, fresh_intent_nonce, sign_intent,
    system_now_ms,
};

use super::{LedgerStore, MoneyVar, WAIT};

const INTENT_LIFETIME_MS: i64 = 4_000;
const MODE_SETTLE_RETRIES: usize = 50;

pub struct RiskLink {
    writer: EnvelopeWriter,
    key: SecretKey,
    refusals: mpsc::Receiver<(String, Vec<ReasonCode>)>,
    ledger: LedgerStore,
}

impl RiskLink {
    pub async fn connect(var: &MoneyVar) -> Self {
        let keys = var.secrets.ipc_keys_for(ProcessRole::Risk);
        let endpoint = var.executor_endpoint();
        let deadline = Instant::now() + WAIT;
        let connection = loop {
            match connect(&endpoint, &keys, IpcLimits::default()).await {
                Ok(connection) => break connection,
                Err(error) => {
                    assert!(
                        Instant::now() < deadline,
                        "executor never listened: {error}"
                    );
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        let (mut reader, writer) = connection.into_split();
        let (refused_tx, refusals) = mpsc::channel();
        tokio::spawn(async move {
            while let Ok(Some(envelope)) = reader.read_envelope().await {
                if let Payload::IntentRefused {
                    order_intent_id,
                    reasons,
                    ..
                } = envelope.payload
                    && refused_tx
                        .send((order_intent_id.as_str().to_owned(), reasons))
                        .is_err()
                {
                    return;
                }
            }
        });
        Self {
            writer,
            key: keys.intent_key.clone().unwrap(),
            refusals,
            ledger: LedgerStore::new(var.path()),
        }
    }

    async fn send_signed(&mut self, intent: &OrderIntent) {
        let signed = sign_intent(
            intent.clone(),
            &self.key,
            fresh_intent_nonce(),
            system_now_ms() + INTENT_LIFETIME_MS,
        )
        .unwrap();
        self.writer
            .send(CorrelationIds::default(), Payload::SignedIntent(signed))
            .await
            .unwrap();
    }

    fn outcome(&self, id: &str) -> Option<Result<(), Vec<ReasonCode>>> {
        while let Ok((refused, reasons)) = self.refusals.try_recv() {
            if refused == id {
                return Some(Err(reasons));
            }
        }
        self.ledger.intent_state(id).map(|_| Ok(()))
    }

    pub async fn submit(&mut self, intent: &OrderIntent) {
        let id = intent.order_intent_id.as_str().to_owned();
        for _ in 0..MODE_SETTLE_RETRIES {
            self.send_signed(intent).await;
            let deadline = Instant::now() + WAIT;
            let outcome = loop {
                if let Some(outcome) = self.outcome(&id) {
                    break outcome;
                }
                assert!(Instant::now() < deadline, "{id}: no ledger row, no refusal");
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            match outcome {
                Ok(()) => return,
                Err(reasons) if reasons == vec![ReasonCode::EntryOutsideNormal] => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(reasons) => panic!("{id} refused: {reasons:?}"),
            }
        }
        panic!("{id}: the executor never left PAUSE");
    }
}
