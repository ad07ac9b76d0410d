use livespot_domain::{AuditEventType, ReasonCode};
use livespot_execution::account_state::AccountState;
use livespot_risk::rules::AccountView;
use livespot_runtime::ChildContext;
use tokio::sync::{mpsc, watch};

use crate::ExecutorAudit;
use crate::account_view::account_view;
use crate::equity_day::EquityDay;

#[derive(Debug)]
pub struct AccountPublisher {
    quote_asset: String,
    day: EquityDay,
    accounts: watch::Sender<Option<String>>,
    audit: ExecutorAudit,
    last_audited: Option<String>,
    open_orders: Option<watch::Sender<u32>>,
}

impl AccountPublisher {
    pub fn new(
        context: &ChildContext,
        accounts: watch::Sender<Option<String>>,
        audit: ExecutorAudit,
    ) -> Self {
        Self {
            quote_asset: context.config.general.quote_asset.clone(),
            day: EquityDay::open(&context.var_dir),
            accounts,
            audit,
            last_audited: None,
            open_orders: None,
        }
    }

    pub fn counting_open_orders(mut self, open_orders: watch::Sender<u32>) -> Self {
        self.open_orders = Some(open_orders);
        self
    }

    pub async fn run(mut self, mut states: mpsc::Receiver<AccountState>) {
        while let Some(state) = states.recv().await {
            self.publish(&state);
        }
    }

    fn publish(&mut self, state: &AccountState) {
        if let Some(open_orders) = &self.open_orders {
            open_orders.send_replace(u32::try_from(state.open_orders.len()).unwrap_or(u32::MAX));
        }
        let view = match account_view(state, &self.quote_asset, &mut self.day) {
            Ok(view) => view,
            Err(violation) => {
                tracing::warn!(reason = violation.reason.as_str(), %violation, "account state not publishable");
                return;
            }
        };
        match serde_json::to_string(&view) {
            Ok(json) => {
                self.accounts.send_replace(Some(json));
            }
            Err(error) => {
                tracing::warn!(reason = "ACCOUNT_STATE_NOT_ENCODED", %error, "account state not published");
            }
        }
        let key = audit_key(&view);
        if self.last_audited.as_ref() != Some(&key) {
            self.audit_state(state, &view);
            self.last_audited = Some(key);
        }
    }

    fn audit_state(&self, state: &AccountState, view: &AccountView) {
        let payload = serde_json::json!({ "view": view, "state": state });
        let reasons: Vec<ReasonCode> = Vec::new();
        self.audit
            .record(AuditEventType::AccountState, None, reasons, &payload);
    }
}

fn audit_key(view: &AccountView) -> String {
    let held: Vec<(&str, String)> = view
        .positions
        .iter()
        .map(|p| (p.symbol.as_str(), p.quantity.value().to_string()))
        .collect();
    serde_json::json!({
        "balances": view.balances,
        "open_orders": view.open_orders,
        "held": held,
        "trades_today": view.trades_today,
        "realized": view.realized_pnl_today.to_string(),
    })
    .to_string()
}
