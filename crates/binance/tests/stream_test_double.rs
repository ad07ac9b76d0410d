#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use futures_util::{SinkExt, StreamExt};
use livespot_binance::streams::client::{MarketStreams, StreamConfig};
use livespot_binance::streams::events::MarketEvent;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

const TRADE: &str = r#"{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":7,"p":"1.5","q":"2","T":1,"m":true,"M":true}}"#;

fn config(port: u16) -> StreamConfig {
    let mut config = StreamConfig::new(&format!("ws://127.0.0.1:{port}"));
    config.backoff_min = Duration::from_millis(10);
    config.backoff_max = Duration::from_millis(50);
    config
}

async fn bind() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .expect("bounded wait")
}

#[tokio::test]
async fn test_double_dropped_connection_reconnects_and_keeps_delivering() {
    let (listener, port) = bind().await;
    tokio::spawn(async move {
        loop {
            let (tcp, _) = listener.accept().await.unwrap();
            let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
            ws.send(Message::Text(TRADE.into())).await.unwrap();
            drop(ws);
        }
    });
    let (streams, mut events) = MarketStreams::spawn(config(port), &["btcusdt@trade".to_owned()]);
    for _ in 0..3 {
        let message = within(events.recv()).await.expect("event");
        assert!(matches!(message.event, MarketEvent::Trade(_)));
    }
    assert!(streams.health().connection_count() >= 3);
    streams.shutdown().await;
}

#[tokio::test]
async fn test_double_ping_is_answered_with_pong_carrying_the_payload() {
    let (listener, port) = bind().await;
    let (pong_tx, mut pong_rx) = mpsc::channel(1);
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
        ws.send(Message::Ping(b"keepalive-42".to_vec().into()))
            .await
            .unwrap();
        while let Some(Ok(frame)) = ws.next().await {
            if let Message::Pong(payload) = frame {
                pong_tx.send(payload.to_vec()).await.unwrap();
                break;
            }
        }
    });
    let (streams, _events) = MarketStreams::spawn(config(port), &["btcusdt@trade".to_owned()]);
    assert_eq!(
        within(pong_rx.recv()).await.expect("pong"),
        b"keepalive-42".to_vec()
    );
    streams.shutdown().await;
}

#[tokio::test]
async fn test_double_stalled_stream_is_reported_stale_and_subscribe_is_sent() {
    let (listener, port) = bind().await;
    let (text_tx, mut text_rx) = mpsc::channel(4);
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
        ws.send(Message::Text(TRADE.into())).await.unwrap();
        while let Some(Ok(frame)) = ws.next().await {
            if let Message::Text(text) = frame {
                text_tx.send(text.to_string()).await.unwrap();
            }
        }
    });
    let (streams, mut events) = MarketStreams::spawn(config(port), &["btcusdt@trade".to_owned()]);
    within(events.recv()).await.expect("first event");
    assert!(
        streams
            .health()
            .stale_streams(Duration::from_hours(1))
            .is_empty()
    );
    let mut stale = Vec::new();
    for _ in 0..200 {
        stale = streams.health().stale_streams(Duration::from_millis(100));
        if !stale.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        stale.first().map(|s| s.stream.as_str()),
        Some("btcusdt@trade")
    );
    assert!(streams.subscribe(vec!["ethusdt@trade".to_owned()]));
    let sent: serde_json::Value =
        serde_json::from_str(&within(text_rx.recv()).await.expect("subscribe")).unwrap();
    assert_eq!(sent["method"], "SUBSCRIBE");
    assert_eq!(sent["params"][0], "ethusdt@trade");
    assert_eq!(streams.health().ages().len(), 2);
    streams.shutdown().await;
}

async fn hold_connections_open(listener: TcpListener, first_message: &'static str) {
    loop {
        let (tcp, _) = listener.accept().await.unwrap();
        tokio::spawn(async move {
            let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
            ws.send(Message::Text(first_message.into())).await.unwrap();
            while let Some(Ok(_)) = ws.next().await {}
        });
    }
}

#[tokio::test]
async fn test_double_connection_is_rotated_after_its_configured_lifetime() {
    let (listener, port) = bind().await;
    tokio::spawn(hold_connections_open(listener, TRADE));
    let mut config = config(port);
    config.rotate_after = Duration::from_millis(100);
    let (streams, mut events) = MarketStreams::spawn(config, &["btcusdt@trade".to_owned()]);
    for _ in 0..3 {
        within(events.recv()).await.expect("event per connection");
    }
    assert!(streams.health().connection_count() >= 3);
    streams.shutdown().await;
}

#[tokio::test]
async fn test_double_server_shutdown_event_triggers_reconnect() {
    const SHUTDOWN: &str = r#"{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1}}"#;
    let (listener, port) = bind().await;
    tokio::spawn(hold_connections_open(listener, SHUTDOWN));
    let (streams, _events) = MarketStreams::spawn(config(port), &["btcusdt@trade".to_owned()]);
    let mut connections = 0;
    for _ in 0..500 {
        connections = streams.health().connection_count();
        if connections >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(connections >= 3, "{connections}");
    streams.shutdown().await;
}
