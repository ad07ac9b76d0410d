use std::collections::BTreeMap;
use std::time::Instant;

use livespot_domain::{AuditEventType, ReasonCode};
use rust_decimal::Decimal;
use serde::Serialize;

use super::diff::{
    ReconcileDiff, balance_drift_bps, completed_on_the_venue, diff_open_orders, unknown_order_count,
};
use crate::engine::BalanceBaseline;
use crate::protection::ProtectionOutcome;
use crate::{ExecutionEngine, ExecutionError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconcileReport {
    pub duration_ms: u64,
    pub symbols: Vec<String>,
    pub diffs: Vec<ReconcileDiff>,
    pub drift_exceeded: bool,
    pub reasons: Vec<ReasonCode>,
    pub protection_repaired: Vec<(String, ProtectionOutcome)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconcileFailure {
    pub failed: bool,
    pub reason: ReasonCode,
    pub detail: String,
}

impl ExecutionEngine {
    pub async fn reconcile(&mut self) -> Result<ReconcileReport, ExecutionError> {
        let result = self.reconcile_once().await;
        if let Err(error) = &result {
            self.emit(
                AuditEventType::ReconcileRest,
                "",
                vec![error.reason_code()],
                &ReconcileFailure {
                    failed: true,
                    reason: error.reason_code(),
                    detail: error.to_string(),
                },
            );
        }
        result
    }

    async fn reconcile_once(&mut self) -> Result<ReconcileReport, ExecutionError> {
        let started = Instant::now();
        self.resolve_stuck().await?;
        let mut symbols: Vec<String> = self.rules.keys().cloned().collect();
        symbols.sort();
        let mut diffs = Vec::new();
        for symbol in &symbols {
            diffs.extend(self.reconcile_orders(symbol).await?);
        }
        diffs.extend(self.reconcile_balances(&symbols).await?);
        let protection_repaired = self.repair_protection().await?;
        let drifted = diffs
            .iter()
            .any(|d| matches!(d, ReconcileDiff::BalanceDrift { .. }));
        let drift_exceeded =
            drifted || unknown_order_count(&diffs) > self.policy.max_unknown_orders;
        let reasons = if drift_exceeded {
            vec![ReasonCode::DriftLimitExceeded]
        } else {
            Vec::new()
        };
        let report = ReconcileReport {
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            symbols,
            diffs,
            drift_exceeded,
            reasons,
            protection_repaired,
        };
        for diff in &report.diffs {
            self.emit(
                AuditEventType::ReconcileDiff,
                "",
                vec![diff.reason_code()],
                diff,
            );
        }
        self.emit(
            AuditEventType::ReconcileRest,
            "",
            report.reasons.clone(),
            &report,
        );
        Ok(report)
    }

    pub async fn reconcile_symbol(
        &mut self,
        symbol: &str,
    ) -> Result<Vec<ReconcileDiff>, ExecutionError> {
        let diffs = self.reconcile_orders(symbol).await?;
        self.repair_protection().await?;
        for diff in &diffs {
            self.emit(
                AuditEventType::ReconcileDiff,
                "",
                vec![diff.reason_code()],
                diff,
            );
        }
        Ok(diffs)
    }

    async fn settle_pending_orders(&mut self, symbol: &str) -> Result<(), ExecutionError> {
        let pending: Vec<_> = self
            .ledger
            .orders_for_symbol(symbol)?
            .into_iter()
            .filter(|o| o.status == livespot_domain::OrderStatus::PendingNew)
            .collect();
        for order in pending {
            let intent = self.ledger.intent(&order.order_intent_id)?;
            if intent.state != livespot_domain::IntentState::Confirmed {
                continue;
            }
            if let Some(found) = self.lookup_order(symbol, &order.client_order_id).await? {
                self.record_accepted(&order.client_order_id, &found)?;
            } else {
                let now = self.now();
                self.ledger
                    .mark_order_never_placed(&order.client_order_id, now)?;
            }
        }
        Ok(())
    }

    async fn reconcile_orders(
        &mut self,
        symbol: &str,
    ) -> Result<Vec<ReconcileDiff>, ExecutionError> {
        self.settle_pending_orders(symbol).await?;
        let exchange_open = self.client.open_orders(Some(symbol)).await?;
        let ledger_open: Vec<_> = self
            .ledger
            .open_orders_for_symbol(symbol)?
            .into_iter()
            .filter(|o| o.exchange_order_id.is_some())
            .collect();
        let mut diffs = Vec::new();
        for diff in diff_open_orders(symbol, &ledger_open, &exchange_open) {
            match &diff {
                ReconcileDiff::LedgerOrderMissing {
                    client_order_id, ..
                } => {
                    if let Some(order) = self.lookup_order(symbol, client_order_id).await? {
                        self.record_accepted(client_order_id, &order)?;
                        if completed_on_the_venue(&order) {
                            continue;
                        }
                    }
                }
                ReconcileDiff::QuantityMismatch {
                    client_order_id, ..
                }
                | ReconcileDiff::StatusMismatch {
                    client_order_id, ..
                } => {
                    if let Some(order) = exchange_open
                        .iter()
                        .find(|o| &o.client_order_id == client_order_id)
                    {
                        self.record_accepted(client_order_id, order)?;
                    }
                }
                _ => {}
            }
            diffs.push(diff);
        }
        let known: std::collections::BTreeSet<i64> = self
            .ledger
            .orders_for_symbol(symbol)?
            .iter()
            .filter_map(|o| o.exchange_order_id)
            .collect();
        self.sync_fills(symbol, &known).await?;
        Ok(diffs)
    }

    async fn reconcile_balances(
        &mut self,
        symbols: &[String],
    ) -> Result<Vec<ReconcileDiff>, ExecutionError> {
        let account = self.client.account().await?;
        let mut totals = BTreeMap::new();
        let mut ledger_net = BTreeMap::new();
        for symbol in symbols {
            let rules = self.rules_for(symbol)?;
            let total = account
                .balance(&rules.base_asset)
                .map_or(Decimal::ZERO, |b| b.free + b.locked);
            totals.insert(rules.base_asset.clone(), total);
            let net = self.ledger.net_base_from_fills(symbol, &rules.base_asset)?;
            *ledger_net
                .entry(rules.base_asset.clone())
                .or_insert(Decimal::ZERO) += net;
        }
        let Some(baseline) = self.baseline.clone() else {
            self.baseline = Some(BalanceBaseline { totals, ledger_net });
            return Ok(Vec::new());
        };
        let mut diffs = Vec::new();
        for (asset, actual) in &totals {
            let start = baseline.totals.get(asset).copied().unwrap_or(Decimal::ZERO);
            let moved = ledger_net.get(asset).copied().unwrap_or(Decimal::ZERO)
                - baseline
                    .ledger_net
                    .get(asset)
                    .copied()
                    .unwrap_or(Decimal::ZERO);
            let expected = start + moved;
            let drift_bps = balance_drift_bps(expected, *actual);
            if drift_bps > self.policy.max_balance_drift_bps {
                diffs.push(ReconcileDiff::BalanceDrift {
                    asset: asset.clone(),
                    expected,
                    actual: *actual,
                    drift_bps,
                });
            }
        }
        Ok(diffs)
    }
}
