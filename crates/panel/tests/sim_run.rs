#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::time::Duration;

use livespot_panel::ROUTES;
use support::sim::{SimStack, skip_without_launcher, wait_until};

const RUN_SECONDS: u64 = 25;
const WAIT: Duration = Duration::from_mins(1);

fn raw_get(address: SocketAddr, host: &str, method: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    let mut chunk = [0u8; 8192];
    while !String::from_utf8_lossy(&response).contains("\r\n\r\n") || path != "/api/events" {
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..read]);
    }
    Ok(String::from_utf8_lossy(&response).into_owned())
}

fn other_interface() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

fn assert_routes_answer(address: SocketAddr) {
    let host = address.to_string();
    for route in ROUTES {
        let path = route.replace("{id}", "dec-none");
        let response = raw_get(address, &host, "GET", &path).unwrap();
        let expected = if path == "/" {
            "HTTP/1.1 303"
        } else {
            "HTTP/1.1 200"
        };
        assert!(response.starts_with(expected), "{path}: {response}");
        assert!(response.contains("x-frame-options: DENY"), "{path}");
    }
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let response = raw_get(address, &host, method, "/api/summary").unwrap();
        assert!(response.starts_with("HTTP/1.1 405"), "{method}: {response}");
    }
    let foreign = raw_get(address, "evil.example", "GET", "/api/summary").unwrap();
    assert!(foreign.starts_with("HTTP/1.1 421"), "{foreign}");
    if let Some(ip) = other_interface() {
        let elsewhere = SocketAddr::new(ip, address.port());
        assert!(raw_get(elsewhere, &elsewhere.to_string(), "GET", "/health").is_err());
    }
}

fn assert_metrics_follow_marketdata(address: SocketAddr) {
    let metrics = wait_until(WAIT, || {
        let body = raw_get(address, &address.to_string(), "GET", "/metrics").ok()?;
        (body.contains("livespot_ws_staleness_ms{source=\"marketdata\"}")
            && body.contains("livespot_rest_weight_used{source=\"marketdata\"}"))
        .then_some(body)
    });
    assert!(
        metrics.is_some(),
        "marketdata's stream staleness and REST weight never both reached /metrics"
    );
}

#[test]
fn a_real_sim_run_serves_every_route_from_its_audit_store() {
    if skip_without_launcher() {
        return;
    }
    let mut stack = SimStack::start(RUN_SECONDS, &[]);
    let address = stack.wait_for_stack(WAIT);
    assert!(address.ip().is_loopback());
    let summary = wait_until(WAIT, || {
        let body = raw_get(address, &address.to_string(), "GET", "/api/summary").ok()?;
        let json: serde_json::Value = serde_json::from_str(body.split_once("\r\n\r\n")?.1).ok()?;
        (json["data"]["last_event_id"].as_i64()? > 0).then_some(json)
    });
    let summary = summary.unwrap();
    assert_eq!(summary["data"]["mode"], "SIM");
    assert_eq!(summary["data"]["venue_clock_scale"], 240);
    assert_eq!(summary["data"]["store"], "OK");
    assert_routes_answer(address);
    assert_metrics_follow_marketdata(address);
    let exited = wait_until(WAIT, || stack.try_wait());
    assert!(
        exited.is_some_and(|status| status.success()),
        "{}",
        stack.console()
    );
}
