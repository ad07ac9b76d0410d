#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use std::time::Duration;

use common::{Harness, SYMBOL, fast_policy, ioc_intent};
use livespot_domain::{AuditEvent, AuditEventType, IntentState, PositionState};
use livespot_execution::ExecutionEngine;
use livespot_execution::driver::DriveInputs;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

fn about(event: &AuditEvent, id: &str) -> bool {
    event
        .correlation
        .order_intent_id
        .as_ref()
        .is_some_and(|i| i.as_str() == id)
}

fn reconcile_runs(events: &[AuditEvent]) -> usize {
    events
        .iter()
        .filter(|e| e.event_type == AuditEventType::ReconcileRest)
        .count()
}

async fn collect_until_protected(
    events: &mut mpsc::UnboundedReceiver<AuditEvent>,
    id: &str,
) -> Vec<AuditEvent> {
    let mut seen = Vec::new();
    let mut installed = false;
    for _ in 0..500 {
        let Ok(Some(event)) = tokio::time::timeout(Duration::from_secs(5), events.recv()).await
        else {
            break;
        };
        installed |= event.event_type == AuditEventType::Position
            && about(&event, id)
            && event.payload_json.contains("Installed");
        seen.push(event);
        if installed && reconcile_runs(&seen) >= 2 {
            break;
        }
    }
    seen
}

async fn crash_after_send(h: &Harness, id: &str) {
    let old = ioc_intent(h, id).await;
    let mut engine = h.engine().await;
    engine.accept_intent(&old).unwrap();
    let prepared = engine.prepare_send(id).await.unwrap();
    h.client.place_order(&prepared.order).await.unwrap();
}

#[tokio::test]
async fn the_driver_resolves_the_ledger_first_then_executes_intents_and_reconciles() {
    let h = Harness::start().await;
    crash_after_send(&h, "drv-old").await;
    let new = ioc_intent(&h, "drv-new").await;
    let engine = ExecutionEngine::connect(h.client.clone(), h.dir.path(), &[SYMBOL], fast_policy())
        .await
        .unwrap();
    let (tx, rx) = mpsc::channel(4);
    let (user_tx, user_rx) = mpsc::channel(4);
    let inputs = DriveInputs {
        intents: rx,
        user_events: Some(user_rx),
        account: None,
    };
    let (events_tx, mut events_rx) = mpsc::unbounded_channel::<AuditEvent>();
    let shutdown = CancellationToken::new();
    let driver = tokio::spawn(engine.drive(inputs, shutdown.clone(), 200, move |event| {
        events_tx.send(event).unwrap();
    }));
    tx.send(new).await.unwrap();
    user_tx.send(SYMBOL.to_owned()).await.unwrap();
    let seen = collect_until_protected(&mut events_rx, "drv-new").await;
    shutdown.cancel();
    let engine = driver.await.unwrap().unwrap();
    for id in ["drv-old", "drv-new"] {
        assert_eq!(
            engine.ledger().intent(id).unwrap().state,
            IntentState::Confirmed
        );
        assert_eq!(
            common::position_state(&engine, id),
            PositionState::Protected
        );
    }
    let first_new = seen.iter().position(|e| about(e, "drv-new")).unwrap();
    let old_resolved = seen.iter().position(|e| about(e, "drv-old")).unwrap();
    assert!(old_resolved < first_new, "recovery before anything new");
    assert!(
        seen.iter()
            .filter(|e| about(e, "drv-new"))
            .all(|e| e.correlation.decision_id.is_some()),
        "every event about an intent names its decision"
    );
    assert!(reconcile_runs(&seen) >= 2);
}

async fn wait_for(
    events: &mut mpsc::UnboundedReceiver<AuditEvent>,
    wanted: impl Fn(&AuditEvent) -> bool,
) -> bool {
    for _ in 0..100 {
        let Ok(Some(event)) = tokio::time::timeout(Duration::from_secs(5), events.recv()).await
        else {
            return false;
        };
        if wanted(&event) {
            return true;
        }
    }
    false
}

async fn place_outside(h: &Harness, client_order_id: &str) {
    let far_below = (h.bid().await * rust_decimal::Decimal::new(8, 1)).round_dp(2);
    let outside = livespot_binance::rest::requests::NewOrder::limit(
        SYMBOL,
        livespot_binance::rest::enums::OrderSide::Buy,
        rust_decimal::Decimal::new(1, 3),
        far_below,
        livespot_binance::rest::enums::TimeInForce::Gtc,
    )
    .with_client_order_id(client_order_id);
    h.client.place_order(&outside).await.unwrap();
}

#[tokio::test]
async fn a_user_data_event_triggers_reconciliation_of_its_symbol() {
    let h = Harness::start().await;
    let engine = ExecutionEngine::connect(h.client.clone(), h.dir.path(), &[SYMBOL], fast_policy())
        .await
        .unwrap();
    let (_tx, rx) = mpsc::channel(1);
    let (user_tx, user_rx) = mpsc::channel(4);
    let (events_tx, mut events_rx) = mpsc::unbounded_channel::<AuditEvent>();
    let shutdown = CancellationToken::new();
    let inputs = DriveInputs {
        intents: rx,
        user_events: Some(user_rx),
        account: None,
    };
    let driver = tokio::spawn(
        engine.drive(inputs, shutdown.clone(), 600_000, move |event| {
            events_tx.send(event).unwrap();
        }),
    );
    let started = wait_for(&mut events_rx, |e| {
        e.event_type == AuditEventType::ReconcileRest
    })
    .await;
    assert!(started, "start-up reconciliation ran first");
    place_outside(&h, "outside-ud").await;
    user_tx.send(SYMBOL.to_owned()).await.unwrap();
    let found = wait_for(&mut events_rx, |e| {
        e.event_type == AuditEventType::ReconcileDiff && e.payload_json.contains("outside-ud")
    })
    .await;
    shutdown.cancel();
    driver.await.unwrap().unwrap();
    assert!(
        found,
        "the user data event reconciled the symbol and reported the stranger"
    );
}
