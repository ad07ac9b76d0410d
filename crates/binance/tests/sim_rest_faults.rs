#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod sim_support;

use livespot_binance::BinanceError;
use livespot_binance::rate_limit::Admission;
use livespot_binance::rest::requests::OrderRef;
use livespot_binance::time_sync::local_now_ms;
use serde_json::json;
use sim_support::{SYMBOL, start};
use std::time::Instant;

#[tokio::test]
async fn execute_then_drop_is_status_unknown_and_the_order_exists() {
    let sim = start().await;
    let order = sim.resting_buy("drop-1").await;
    sim.fault(json!({"kind": "execute_then_drop", "path": "/api/v3/order"}))
        .await;
    let err = sim.client.place_order(&order).await.unwrap_err();
    assert!(err.is_status_unknown(), "{err:?}");
    assert!(!err.is_rejected());
    let found = sim
        .client
        .query_order(SYMBOL, &OrderRef::ClientOrderId("drop-1".into()))
        .await
        .expect("order executed");
    assert_eq!(found.client_order_id, "drop-1");
    sim.shutdown().await;
}

#[tokio::test]
async fn backend_timeout_and_http_503_are_status_unknown_never_rejected() {
    let sim = start().await;
    let order = sim.resting_buy("unknown-1").await;
    sim.fault(json!({"kind": "execute_then_unknown", "path": "/api/v3/order"}))
        .await;
    let err = sim.client.place_order(&order).await.unwrap_err();
    assert!(
        matches!(
            err,
            BinanceError::StatusUnknown {
                code: Some(-1007),
                ..
            }
        ),
        "{err:?}"
    );
    let order = sim.resting_buy("unknown-2").await;
    sim.fault(json!({"kind": "execute_then_503", "path": "/api/v3/order"}))
        .await;
    let err = sim.client.place_order(&order).await.unwrap_err();
    assert!(err.is_status_unknown(), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn too_many_requests_holds_requests_until_retry_after() {
    let sim = start().await;
    let order = sim.resting_buy("limited-1").await;
    sim.fault(json!({"kind": "rate_limit", "seconds": 1, "path": "/api/v3/order"}))
        .await;
    let err = sim.client.place_order(&order).await.unwrap_err();
    let BinanceError::RateLimited { retry_after } = err else {
        panic!("expected 429, got {err:?}")
    };
    assert!(matches!(
        sim.client.rate_limiter().admit(1, false),
        Admission::WaitFor(_)
    ));
    let started = Instant::now();
    sim.client.ping().await.expect("ping after waiting");
    assert!(started.elapsed() + std::time::Duration::from_millis(50) >= retry_after);
    sim.shutdown().await;
}

#[tokio::test]
async fn ban_blocks_every_request_until_it_ends() {
    let sim = start().await;
    sim.fault(json!({"kind": "ban", "seconds": 2})).await;
    let err = sim.client.ping().await.unwrap_err();
    let BinanceError::Banned { until_ms } = err else {
        panic!("expected 418, got {err:?}")
    };
    assert!(matches!(
        sim.client.account().await,
        Err(BinanceError::Banned { .. })
    ));
    assert!(matches!(
        sim.client.book_ticker(SYMBOL).await,
        Err(BinanceError::Banned { .. })
    ));
    for _ in 0..100 {
        if local_now_ms() > until_ms + 50 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    sim.client.ping().await.expect("ping after ban ends");
    sim.shutdown().await;
}

#[tokio::test]
async fn invalid_timestamp_resyncs_time_and_then_succeeds() {
    let sim = start().await;
    sim.client.account().await.expect("account before skew");
    let measured = sim.client.time_sync().measurement_count();
    sim.fault(json!({"kind": "clock_skew", "ms": 30_000})).await;
    sim.client.account().await.expect("account after resync");
    assert!(sim.client.time_sync().measurement_count() > measured);
    assert!(sim.client.time_sync().offset_ms() > 20_000);
    assert!(sim.client.time_sync().skew_ms() > 20_000);
    assert_eq!(sim.client.time_sync().timestamp_rejections(), 1);
    sim.shutdown().await;
}
