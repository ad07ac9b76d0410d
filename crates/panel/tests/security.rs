#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use axum::http::{HeaderMap, Method, StatusCode, header};
use livespot_panel::{ROUTES, STRICT_HEADERS};
use support::seed::SECRET_CANARY;
use support::{HOST, fixture, get, request, send};

fn assert_strict(headers: &HeaderMap, context: &str) {
    for (name, value) in STRICT_HEADERS {
        assert_eq!(headers.get(&name).unwrap(), value, "{context}: {name}");
    }
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'self'"), "{context}");
    assert!(csp.contains("frame-ancestors 'none'"), "{context}");
    assert!(
        !headers
            .keys()
            .any(|name| name.as_str().starts_with("access-control-")),
        "{context}: CORS header present"
    );
}

#[tokio::test]
async fn write_methods_are_refused_with_405_on_every_path() {
    let fixture = fixture(true);
    let methods = [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
    ];
    for method in methods {
        for path in [
            "/dashboard",
            "/api/summary",
            "/metrics",
            "/health",
            "/api/orders",
            "/nope",
        ] {
            let (status, headers, _) =
                send(fixture.app(), request(method.clone(), path, Some(HOST))).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert_eq!(headers[header::ALLOW], "GET, HEAD");
            assert_strict(&headers, &format!("{method} {path}"));
        }
    }
}

#[tokio::test]
async fn a_foreign_host_is_refused_before_anything_is_read() {
    let fixture = fixture(true);
    let hosts = [
        Some("evil.example"),
        Some("evil.example:4321"),
        Some("localhost:4321"),
        Some("127.0.0.1:9999"),
        Some("127.0.0.1"),
        Some("10.0.0.5:4321"),
        None,
    ];
    for host in hosts {
        let (status, headers, body) =
            send(fixture.app(), request(Method::GET, "/api/summary", host)).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host:?}: {body}");
        assert!(body.contains("PANEL_FOREIGN_HOST"));
        assert!(!body.contains("run-1"));
        assert_strict(&headers, &format!("{host:?}"));
    }
    let (status, _, _) = send(
        fixture.app(),
        request(Method::GET, "/api/summary", Some(HOST)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn strict_headers_are_on_every_route_even_for_cross_origin_requests() {
    let fixture = fixture(true);
    for route in ROUTES.iter().filter(|route| **route != "/api/events") {
        let path = route.replace("{id}", "dec-1");
        let mut cross = request(Method::GET, &path, Some(HOST));
        cross
            .headers_mut()
            .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        let (_, headers, _) = send(fixture.app(), cross).await;
        assert_strict(&headers, &path);
    }
}

#[tokio::test]
async fn no_route_shows_a_secret_from_a_payload() {
    let fixture = fixture(true);
    let mut paths: Vec<String> = ROUTES
        .iter()
        .filter(|route| **route != "/api/events")
        .map(|route| route.replace("{id}", "dec-1"))
        .collect();
    paths.push("/api/trace/intent/oi-1".to_owned());
    for path in paths {
        let (_, _, body) = get(fixture.app(), &path).await;
        assert!(!body.contains(SECRET_CANARY), "{path} leaks the canary");
    }
    let (_, _, aigate) = get(fixture.app(), "/api/aigate").await;
    assert!(aigate.contains("[REDACTED]"), "{aigate}");
}

#[test]
fn the_page_has_no_inline_script_style_or_external_asset() {
    let html = include_str!("../src/assets/dashboard.html");
    let js = [
        include_str!("../src/assets/panel.js"),
        include_str!("../src/assets/panel-tabs.js"),
    ]
    .concat();
    for forbidden in [
        "<style",
        " style=",
        "onclick=",
        "onload=",
        "http://",
        "https://",
        "javascript:",
    ] {
        assert!(
            !html.contains(forbidden),
            "dashboard.html contains {forbidden}"
        );
    }
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    assert!(
        scripts
            .iter()
            .all(|tag| tag.trim_start().starts_with("src=\"/assets/"))
    );
    assert!(
        !js.contains("innerHTML"),
        "the scripts must build the DOM with textContent"
    );
    assert!(!js.contains("http://") && !js.contains("https://"));
}
