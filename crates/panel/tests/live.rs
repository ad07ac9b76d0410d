#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use futures_util::StreamExt;
use livespot_domain::SysMode;
use livespot_panel::{PanelState, app, bind_loopback, served_hosts};
use support::{HOST, fixture, request};
use tower::ServiceExt;

const FRAME_WAIT: Duration = Duration::from_secs(10);

async fn next_summary(
    stream: &mut (impl futures_util::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
) -> serde_json::Value {
    let mut text = String::new();
    while !text.contains("\n\n") {
        let chunk = tokio::time::timeout(FRAME_WAIT, stream.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(text.starts_with("event: summary\n"), "{text}");
    let data = text
        .lines()
        .find_map(|line| line.strip_prefix("data: "))
        .unwrap();
    serde_json::from_str(data).unwrap()
}

#[tokio::test]
async fn events_stream_pushes_the_summary_and_then_each_change() {
    let fixture = fixture(true);
    let response = fixture
        .app()
        .oneshot(request(Method::GET, "/api/events", Some(HOST)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut stream = Body::into_data_stream(response.into_body());
    let first = next_summary(&mut stream).await;
    assert_eq!(first["sys_mode"], "NORMAL");
    fixture.mode.send(SysMode::Degrade).unwrap();
    let second = next_summary(&mut stream).await;
    assert_eq!(second["sys_mode"], "DEGRADE");
    assert_eq!(second["since_ms"], support::seed::BASE_TS + 4_000);
    fixture.state.shutdown.cancel();
    let ended = tokio::time::timeout(FRAME_WAIT, stream.next())
        .await
        .unwrap();
    assert!(ended.is_none(), "the stream ends on shutdown");
}

fn http_get(address: SocketAddr, host: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

fn outbound_interface_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

async fn start(
    state_for: impl FnOnce(Vec<String>) -> PanelState,
) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = bind_loopback("127.0.0.1", 0).await.unwrap();
    let local = listener.local_addr().unwrap();
    let router = app(state_for(served_hosts(local)));
    let server = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (local, server)
}

#[tokio::test]
async fn the_server_is_reachable_on_loopback_only() {
    let fixture = fixture(true);
    let (local, server) = start(|hosts| PanelState {
        served_hosts: hosts.into(),
        ..fixture.state.clone()
    })
    .await;
    assert!(local.ip().is_loopback());
    assert_eq!(local.ip().to_string(), "127.0.0.1");
    let host = local.to_string();
    let ok = tokio::task::spawn_blocking(move || http_get(local, &host, "/health"))
        .await
        .unwrap()
        .unwrap();
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    match outbound_interface_address() {
        Some(ip) => {
            let other = SocketAddr::new(ip, local.port());
            let refused =
                tokio::task::spawn_blocking(move || http_get(other, &other.to_string(), "/health"))
                    .await
                    .unwrap();
            assert!(refused.is_err(), "panel answered on {other}: {refused:?}");
        }
        None => println!(
            "notice: no non-loopback interface address here; only the loopback bind was checked"
        ),
    }
    server.abort();
}
