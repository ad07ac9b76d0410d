#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use livespot_binance::rest::enums::{OrderSide, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_binance::time_sync::local_now_ms;
use livespot_binance::{ApiKey, ApiSecret, BinanceError, ClientConfig, Credentials, RestClient};
use rust_decimal::Decimal;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn read_head(socket: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut buf = [0_u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = socket.read(&mut buf).await.unwrap();
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

async fn serve_time_then_drop_orders(listener: TcpListener) {
    loop {
        let (mut socket, _) = listener.accept().await.unwrap();
        let head = read_head(&mut socket).await;
        if head.starts_with("GET /api/v3/time") {
            let body = format!("{{\"serverTime\":{}}}", local_now_ms());
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(reply.as_bytes()).await.unwrap();
        }
        drop(socket);
    }
}

fn client(port: u16) -> RestClient {
    let config = ClientConfig::local(
        &format!("http://127.0.0.1:{port}"),
        "ws://127.0.0.1:1",
        "ws://127.0.0.1:1",
    );
    let creds = Credentials::new(ApiKey::new("k"), ApiSecret::new("s"));
    RestClient::new(config, Some(creds)).unwrap()
}

#[tokio::test]
async fn test_double_connection_dropped_after_order_sent_is_status_unknown() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(serve_time_then_drop_orders(listener));
    let order = NewOrder::limit(
        "BTCUSDT",
        OrderSide::Buy,
        Decimal::ONE,
        Decimal::TEN,
        TimeInForce::Gtc,
    );
    let err = client(port).place_order(&order).await.unwrap_err();
    assert!(err.is_status_unknown(), "{err:?}");
    assert!(!err.is_rejected());
}

#[tokio::test]
async fn refused_connection_is_transport_because_nothing_was_sent() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let order = NewOrder::limit(
        "BTCUSDT",
        OrderSide::Buy,
        Decimal::ONE,
        Decimal::TEN,
        TimeInForce::Gtc,
    );
    let err = client(port).place_order(&order).await.unwrap_err();
    assert!(matches!(err, BinanceError::Transport { .. }), "{err:?}");
}
