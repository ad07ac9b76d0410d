#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use std::time::Duration;

use common::{Harness, ioc_intent};
use livespot_domain::{IntentState, PositionState, ReasonCode};
use serde_json::{Value, json};

fn order_posts(log: &[Value]) -> Vec<&Value> {
    log.iter()
        .filter(|r| r["method"] == "POST" && r["path"] == "/api/v3/order")
        .collect()
}

#[tokio::test]
async fn during_a_418_ban_no_order_is_sent_and_trading_resumes_after_it() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let banned = ioc_intent(&h, "ban-1").await;
    let during = ioc_intent(&h, "ban-2").await;
    let after = ioc_intent(&h, "ban-3").await;
    h.fault(json!({"kind": "ban", "seconds": 2})).await;
    let first = engine.enter(&banned).await.unwrap();
    assert_eq!(first.intent_state, IntentState::FailedTerminal);
    assert_eq!(first.position, Some(PositionState::Flat));
    let sent_before = h.requests().await.len();
    let second = engine.enter(&during).await.unwrap();
    assert_eq!(second.intent_state, IntentState::FailedTerminal);
    assert_eq!(
        h.requests().await.len(),
        sent_before,
        "nothing reaches the venue during the ban"
    );
    let history = engine.ledger().intent_history("ban-2").unwrap();
    assert_eq!(history.last(), Some(&IntentState::FailedTerminal));
    tokio::time::sleep(Duration::from_millis(2_300)).await;
    let third = engine.enter(&after).await.unwrap();
    assert_eq!(third.intent_state, IntentState::Confirmed);
    let coid = engine
        .ledger()
        .intent("ban-3")
        .unwrap()
        .client_order_id
        .as_str()
        .to_owned();
    assert!(
        order_posts(&h.requests().await)
            .iter()
            .any(|r| r["client_order_id"] == coid.as_str() && r["status"] == 200)
    );
}

#[tokio::test]
async fn a_429_fails_the_intent_and_the_next_order_waits_for_retry_after() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    let limited = ioc_intent(&h, "rl-1").await;
    let next = ioc_intent(&h, "rl-2").await;
    h.fault(json!({"kind": "rate_limit", "path": "/api/v3/order", "seconds": 1, "count": 1}))
        .await;
    let first = engine.enter(&limited).await.unwrap();
    assert_eq!(first.intent_state, IntentState::FailedTerminal);
    let events = engine.take_events();
    assert!(
        events
            .iter()
            .any(|e| e.reason_codes.contains(&ReasonCode::BinanceRateLimited))
    );
    let second = engine.enter(&next).await.unwrap();
    assert_eq!(second.intent_state, IntentState::Confirmed);
    let log = h.requests().await;
    let posts = order_posts(&log);
    let refused = posts.iter().find(|r| r["status"] == 429).unwrap();
    let accepted = posts.iter().find(|r| r["status"] == 200).unwrap();
    let gap = accepted["time"].as_i64().unwrap() - refused["time"].as_i64().unwrap();
    assert!(
        gap >= 900,
        "the next order waited for Retry-After: {gap} ms"
    );
}
