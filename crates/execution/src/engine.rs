use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use livespot_binance::RestClient;
use livespot_domain::{AuditEvent, AuditEventType, Clock, ReasonCode};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::audit::{correlation_for, executor_event};
use crate::audit_payloads::keyed_payload;
use crate::churn::ChurnWindows;
use crate::virtual_trail::VirtualTrail;
use crate::{ExecutionError, ExecutionPolicy, Ledger, SymbolRules};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceBaseline {
    pub totals: BTreeMap<String, Decimal>,
    pub ledger_net: BTreeMap<String, Decimal>,
}

pub struct ExecutionEngine {
    pub(crate) client: RestClient,
    pub(crate) ledger: Ledger,
    pub(crate) rules: HashMap<String, SymbolRules>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) policy: ExecutionPolicy,
    pub(crate) churn: ChurnWindows,
    pub(crate) events: Vec<AuditEvent>,
    pub(crate) baseline: Option<BalanceBaseline>,
    pub(crate) trails: HashMap<String, VirtualTrail>,
}

impl std::fmt::Debug for ExecutionEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecutionEngine")
            .field("symbols", &self.rules.keys().collect::<Vec<_>>())
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl ExecutionEngine {
    pub fn new(
        client: RestClient,
        ledger: Ledger,
        rules: Vec<SymbolRules>,
        clock: Arc<dyn Clock>,
        policy: ExecutionPolicy,
    ) -> Self {
        Self {
            client,
            ledger,
            rules: rules.into_iter().map(|r| (r.symbol.clone(), r)).collect(),
            clock,
            policy,
            churn: ChurnWindows::default(),
            events: Vec::new(),
            baseline: None,
            trails: HashMap::new(),
        }
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub fn into_ledger(self) -> Ledger {
        self.ledger
    }

    pub fn client(&self) -> &RestClient {
        &self.client
    }

    pub fn churn(&self) -> &ChurnWindows {
        &self.churn
    }

    pub fn policy(&self) -> &ExecutionPolicy {
        &self.policy
    }

    pub fn take_events(&mut self) -> Vec<AuditEvent> {
        std::mem::take(&mut self.events)
    }

    pub fn events(&self) -> &[AuditEvent] {
        &self.events
    }

    pub(crate) fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    pub(crate) fn rules_for(&self, symbol: &str) -> Result<SymbolRules, ExecutionError> {
        self.rules
            .get(symbol)
            .cloned()
            .ok_or_else(|| ExecutionError::SymbolRulesMissing(symbol.to_owned()))
    }

    pub(crate) fn emit<T: Serialize + ?Sized>(
        &mut self,
        event_type: AuditEventType,
        order_intent_id: &str,
        reasons: Vec<ReasonCode>,
        payload: &T,
    ) {
        let mut correlation = correlation_for(order_intent_id);
        let intent = self.ledger.find_intent(order_intent_id).ok().flatten();
        if let Some(intent) = &intent {
            correlation.decision_id = livespot_domain::DecisionId::new(&intent.decision_id).ok();
        }
        let position = self
            .ledger
            .position(order_intent_id)
            .ok()
            .flatten()
            .map(|held| held.state);
        let body = keyed_payload(event_type, payload, intent.as_ref(), position);
        let event = executor_event(event_type, self.now(), correlation, reasons, &body);
        self.events.push(event);
    }

    pub(crate) async fn pause(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}
