#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod sim_support;

use livespot_binance::streams::client::{MarketStreams, StreamConfig};
use livespot_binance::user_data::client::{UserDataConfig, UserDataStream, UserStreamItem};
use livespot_binance::user_data::events::UserDataEvent;
use serde_json::json;
use sim_support::{credentials, start, within};
use std::time::Duration;

fn stream_config(ws_url: &str) -> StreamConfig {
    let mut config = StreamConfig::new(ws_url);
    config.backoff_min = Duration::from_millis(20);
    config.backoff_max = Duration::from_millis(200);
    config
}

#[tokio::test]
async fn market_streams_reconnect_after_disconnect_and_report_staleness_while_stalled() {
    let sim = start().await;
    let names = vec![
        "btcusdt@bookTicker".to_owned(),
        "btcusdt@depth@100ms".to_owned(),
    ];
    let (streams, mut events) = MarketStreams::spawn(stream_config(&sim.handle.ws_url), &names);
    within(events.recv()).await.expect("first event");
    sim.fault(json!({"kind": "streams_disconnect"})).await;
    for _ in 0..500 {
        if streams.health().connection_count() >= 2 {
            break;
        }
        within(events.recv()).await.expect("events keep flowing");
    }
    assert!(streams.health().connection_count() >= 2);
    within(events.recv()).await.expect("event after reconnect");
    sim.fault(json!({"kind": "streams_stall", "seconds": 3}))
        .await;
    let mut stale = Vec::new();
    for _ in 0..200 {
        while events.try_recv().is_ok() {}
        stale = streams.health().stale_streams(Duration::from_millis(500));
        if stale.len() == names.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(stale.len(), names.len(), "{stale:?}");
    streams.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test]
async fn user_data_stream_subscribes_and_delivers_execution_reports() {
    let sim = start().await;
    sim.client.sync_time().await.expect("time");
    let config = UserDataConfig::new(&sim.handle.ws_api_url, credentials());
    let (stream, mut items) = UserDataStream::spawn(config, sim.client.clone());
    let first = within(items.recv()).await.expect("item");
    assert!(
        matches!(first, UserStreamItem::Subscribed { .. }),
        "{first:?}"
    );
    let order = sim.resting_buy("uds-1").await;
    sim.client.place_order(&order).await.expect("place");
    let mut report = None;
    for _ in 0..50 {
        if let UserStreamItem::Event(UserDataEvent::ExecutionReport(r)) =
            within(items.recv()).await.expect("item")
        {
            report = Some(r);
            break;
        }
    }
    assert_eq!(report.expect("execution report").client_order_id, "uds-1");
    stream.shutdown().await;
    sim.shutdown().await;
}

async fn next_diff(
    events: &mut tokio::sync::mpsc::Receiver<livespot_binance::streams::events::StreamMessage>,
) -> livespot_binance::book::DepthUpdate {
    loop {
        let message = within(events.recv()).await.expect("event");
        if let livespot_binance::streams::events::MarketEvent::Depth(update) = message.event {
            return update;
        }
    }
}

#[tokio::test]
async fn book_sync_resyncs_from_simulator_snapshot_and_applies_diffs_without_gaps() {
    use livespot_binance::book_sync::{BookStep, BookSync};
    let sim = start().await;
    let names = vec!["btcusdt@depth@100ms".to_owned()];
    let (streams, mut events) = MarketStreams::spawn(stream_config(&sim.handle.ws_url), &names);
    let mut sync = BookSync::new(&["BTCUSDT"], 1000);
    let first = sync.on_diff(next_diff(&mut events).await);
    assert!(
        matches!(first, BookStep::NeedsSnapshot { gap: None, .. }),
        "{first:?}"
    );
    sync.resync(&sim.client, "BTCUSDT").await.expect("synced");
    let mut applied = 0;
    for _ in 0..40 {
        let step = sync.on_diff(next_diff(&mut events).await);
        assert!(!matches!(step, BookStep::NeedsSnapshot { .. }), "{step:?}");
        applied += usize::from(step == BookStep::Applied);
    }
    assert!(applied >= 20, "{applied}");
    let book = sync.book("BTCUSDT").expect("book");
    assert!(book.best_bid().expect("bid").price < book.best_ask().expect("ask").price);
    assert!(sync.symbols_needing_snapshot().is_empty());
    streams.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test]
async fn user_data_subscribe_rejected_for_timestamp_resyncs_time_and_subscribes() {
    let sim = start().await;
    sim.client.sync_time().await.expect("time");
    sim.fault(json!({"kind": "clock_skew", "ms": 30_000})).await;
    let mut config = UserDataConfig::new(&sim.handle.ws_api_url, credentials());
    config.backoff_min = Duration::from_millis(20);
    let (stream, mut items) = UserDataStream::spawn(config, sim.client.clone());
    let first = within(items.recv()).await.expect("item");
    let UserStreamItem::SubscribeFailed(err) = first else {
        panic!("expected -1021 first, got {first:?}")
    };
    assert!(err.is_clock(), "{err:?}");
    let mut subscribed = false;
    for _ in 0..10 {
        if let UserStreamItem::Subscribed { .. } = within(items.recv()).await.expect("item") {
            subscribed = true;
            break;
        }
    }
    assert!(subscribed);
    assert!(sim.client.time_sync().offset_ms() > 20_000);
    stream.shutdown().await;
    sim.shutdown().await;
}
