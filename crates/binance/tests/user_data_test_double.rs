#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use futures_util::{SinkExt, StreamExt};
use livespot_binance::user_data::client::{UserDataConfig, UserDataStream, UserStreamItem};
use livespot_binance::user_data::events::UserDataEvent;
use livespot_binance::{ApiKey, ApiSecret, ClientConfig, Credentials, RestClient};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

const BALANCE: &str =
    r#"{"subscriptionId":0,"event":{"e":"balanceUpdate","E":1,"a":"USDT","d":"5","T":1}}"#;

async fn answer_subscribe_send_event_then_drop(listener: TcpListener) {
    loop {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
        let Some(Ok(Message::Text(request))) = ws.next().await else {
            continue;
        };
        let request: serde_json::Value = serde_json::from_str(request.as_str()).unwrap();
        assert_eq!(request["method"], "userDataStream.subscribe.signature");
        assert!(
            request["params"]["signature"]
                .as_str()
                .is_some_and(|s| s.len() == 64)
        );
        let reply = serde_json::json!({"id": request["id"], "status": 200, "result": {"subscriptionId": 0}});
        ws.send(Message::Text(reply.to_string().into()))
            .await
            .unwrap();
        ws.send(Message::Text(BALANCE.into())).await.unwrap();
        drop(ws);
    }
}

fn unused_rest_client() -> RestClient {
    let config = ClientConfig::local("http://127.0.0.1:1", "ws://127.0.0.1:1", "ws://127.0.0.1:1");
    RestClient::new(config, None).unwrap()
}

#[tokio::test]
async fn test_double_user_stream_drop_reconnects_and_resubscribes() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(answer_subscribe_send_event_then_drop(listener));
    let creds = Credentials::new(ApiKey::new("key"), ApiSecret::new("secret"));
    let mut config = UserDataConfig::new(&format!("ws://127.0.0.1:{port}/ws-api/v3"), creds);
    config.backoff_min = Duration::from_millis(10);
    config.backoff_max = Duration::from_millis(50);
    let (stream, mut items) = UserDataStream::spawn(config, unused_rest_client());
    let mut seen = Vec::new();
    while seen
        .iter()
        .filter(|i| matches!(i, UserStreamItem::Subscribed { .. }))
        .count()
        < 2
    {
        let item = tokio::time::timeout(Duration::from_secs(10), items.recv())
            .await
            .expect("bounded")
            .expect("item");
        seen.push(item);
    }
    assert!(matches!(
        seen[0],
        UserStreamItem::Subscribed { connection: 1, .. }
    ));
    assert!(matches!(
        seen[1],
        UserStreamItem::Event(UserDataEvent::BalanceUpdate(_))
    ));
    assert!(seen.contains(&UserStreamItem::Disconnected));
    assert!(matches!(
        seen.last(),
        Some(UserStreamItem::Subscribed { connection: 2, .. })
    ));
    stream.shutdown().await;
}
