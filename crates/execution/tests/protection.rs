#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, SYMBOL, ioc_intent, venue_orders};
use livespot_domain::{AuditEventType, PositionState, ReasonCode};
use livespot_execution::protection::ProtectionOutcome;
use rust_decimal::Decimal;
use serde_json::json;

fn oco_posts(log: &[serde_json::Value]) -> usize {
    log.iter()
        .filter(|r| r["path"] == "/api/v3/orderList/oco")
        .count()
}

fn open_on_venue(state: &serde_json::Value) -> usize {
    venue_orders(state)
        .iter()
        .filter(|o| {
            o["symbol"] == SYMBOL && (o["status"] == "NEW" || o["status"] == "PARTIALLY_FILLED")
        })
        .count()
}

#[tokio::test]
async fn a_filled_entry_gets_an_exchange_oco() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let report = engine
        .execute(&ioc_intent(&h, "oco-1").await)
        .await
        .unwrap();
    let Some(ProtectionOutcome::Installed {
        attempts,
        client_order_ids,
    }) = report.protection
    else {
        panic!("{report:?}");
    };
    assert_eq!((attempts, client_order_ids.len()), (1, 2));
    let position = engine.ledger().position("oco-1").unwrap().unwrap();
    assert_eq!(position.state, PositionState::Protected);
    let state = h.state().await;
    let legs: Vec<_> = venue_orders(&state)
        .into_iter()
        .filter(|o| {
            client_order_ids
                .iter()
                .any(|c| o["clientOrderId"] == c.as_str())
        })
        .collect();
    assert_eq!(legs.len(), 2);
    for leg in &legs {
        let qty: Decimal = leg["origQty"].as_str().unwrap().parse().unwrap();
        assert_eq!(qty, position.base_qty);
        assert!(qty <= report.entry.filled_qty);
    }
}

#[tokio::test]
async fn rejected_protection_is_retried_then_the_position_is_closed_safely() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/orderList/oco", "count": 10}))
        .await;
    let report = engine
        .execute(&ioc_intent(&h, "close-1").await)
        .await
        .unwrap();
    let Some(ProtectionOutcome::SafeClosed { attempts, .. }) = report.protection else {
        panic!("{report:?}");
    };
    assert_eq!(attempts, 3);
    assert_eq!(oco_posts(&h.requests().await), 3);
    assert_eq!(
        common::position_state(&engine, "close-1"),
        PositionState::Flat
    );
    assert_eq!(open_on_venue(&h.state().await), 0);
    let failures = engine
        .events()
        .iter()
        .filter(|e| {
            e.reason_codes
                .contains(&ReasonCode::ProtectionInstallFailed)
        })
        .count();
    assert!(failures >= 3);
}

#[tokio::test]
async fn protection_and_close_both_refused_needs_manual_protection() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let entry = engine
        .enter(&ioc_intent(&h, "pause-1").await)
        .await
        .unwrap();
    assert_eq!(entry.position, Some(PositionState::OpenUnprotected));
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/orderList/oco", "count": 10}))
        .await;
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/order", "count": 10}))
        .await;
    let outcome = engine.protect("pause-1").await.unwrap();
    assert!(
        matches!(
            outcome,
            ProtectionOutcome::PauseNeedsManualProtection { attempts: 3, .. }
        ),
        "{outcome:?}"
    );
    assert!(
        outcome
            .reason_codes()
            .contains(&ReasonCode::PauseNeedsManualProtection)
    );
    let alert = engine
        .events()
        .iter()
        .find(|e| e.event_type == AuditEventType::AlertRaised)
        .unwrap();
    assert!(
        alert
            .reason_codes
            .contains(&ReasonCode::PauseNeedsManualProtection)
    );
    assert_eq!(
        common::position_state(&engine, "pause-1"),
        PositionState::OpenUnprotected
    );
}

#[tokio::test]
async fn a_partial_fill_is_protected_for_the_filled_part_only() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    h.fault(json!({"kind": "partial_fills", "count": 1})).await;
    let report = engine
        .execute(&ioc_intent(&h, "part-1").await)
        .await
        .unwrap();
    let record = engine.ledger().intent("part-1").unwrap();
    let ledger_entry = engine
        .ledger()
        .orders_for_intent("part-1")
        .unwrap()
        .into_iter()
        .find(|o| o.client_order_id == record.client_order_id.as_str())
        .unwrap();
    let venue_entry = venue_orders(&h.state().await)
        .into_iter()
        .find(|o| o["clientOrderId"] == record.client_order_id.as_str())
        .unwrap();
    let venue_executed: Decimal = venue_entry["executedQty"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(ledger_entry.executed_qty, venue_executed);
    assert_eq!(
        ledger_entry.status.as_str(),
        venue_entry["status"].as_str().unwrap()
    );
    assert!(
        venue_executed < record.quantity,
        "{venue_executed} of {}",
        record.quantity
    );
    assert!(
        matches!(report.protection, Some(ProtectionOutcome::Installed { .. })),
        "{report:?}"
    );
    assert!(
        engine
            .ledger()
            .position("part-1")
            .unwrap()
            .unwrap()
            .base_qty
            <= venue_executed
    );
}

#[tokio::test]
async fn protection_never_sells_more_than_the_free_balance() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let entry = engine.enter(&ioc_intent(&h, "held-1").await).await.unwrap();
    let body = json!({"api_key": common::KEY, "asset": "BTC", "delta": "-1.0005"});
    let reply = h
        .http
        .post(format!("{}/admin/balances", h.sim.admin_url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
    let free = h
        .client
        .account()
        .await
        .unwrap()
        .balance("BTC")
        .unwrap()
        .free;
    assert!(free < entry.net_qty, "{free} vs {}", entry.net_qty);
    let ProtectionOutcome::Installed {
        client_order_ids, ..
    } = engine.protect("held-1").await.unwrap()
    else {
        panic!("protection not installed");
    };
    for leg in venue_orders(&h.state().await).into_iter().filter(|o| {
        client_order_ids
            .iter()
            .any(|c| o["clientOrderId"] == c.as_str())
    }) {
        let qty: Decimal = leg["origQty"].as_str().unwrap().parse().unwrap();
        assert!(qty <= free && qty > Decimal::ZERO, "{qty} vs free {free}");
    }
}

#[tokio::test]
async fn after_a_partial_fill_the_audit_fills_add_up_to_the_venue_and_the_ledger() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    h.fault(json!({"kind": "partial_fills", "count": 1})).await;
    engine
        .execute(&ioc_intent(&h, "agree-1").await)
        .await
        .unwrap();
    let coid = engine
        .ledger()
        .intent("agree-1")
        .unwrap()
        .client_order_id
        .as_str()
        .to_owned();
    let ledger = engine.ledger().order(&coid).unwrap().unwrap();
    let venue = venue_orders(&h.state().await)
        .into_iter()
        .find(|o| o["clientOrderId"] == coid.as_str())
        .unwrap();
    let venue_executed: Decimal = venue["executedQty"].as_str().unwrap().parse().unwrap();
    let exchange_id = ledger.exchange_order_id.unwrap();
    let audited: Decimal = engine
        .events()
        .iter()
        .filter(|e| e.event_type == AuditEventType::Fill)
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.payload_json).unwrap())
        .filter(|fill| fill["exchange_order_id"] == exchange_id)
        .map(|fill| fill["qty"].as_str().unwrap().parse::<Decimal>().unwrap())
        .sum();
    assert!(venue_executed > Decimal::ZERO);
    assert_eq!(ledger.executed_qty, venue_executed);
    assert_eq!(audited, venue_executed);
    let ledger_fills: Decimal = engine
        .ledger()
        .fills_for_order(SYMBOL, exchange_id)
        .unwrap()
        .iter()
        .map(|f| f.qty)
        .sum();
    assert_eq!(ledger_fills, venue_executed);
}
