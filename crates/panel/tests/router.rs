#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use axum::http::{Method, StatusCode, header};
use livespot_panel::ROUTES;
use support::{HOST, fixture, get, request, send};

fn concrete(route: &str) -> String {
    route.replace("{id}", "dec-1")
}

#[tokio::test]
async fn every_route_answers_200_from_a_store_written_by_the_audit_writer() {
    let fixture = fixture(true);
    let mut routes: Vec<String> = ROUTES.iter().map(|route| concrete(route)).collect();
    routes.push("/api/trace/intent/oi-1".to_owned());
    routes.push("/api/orders?symbol=btcusdt&status=&limit=5".to_owned());
    for route in routes {
        let (status, headers, body) = if route == "/api/events" {
            let response =
                tower::ServiceExt::oneshot(fixture.app(), request(Method::GET, &route, Some(HOST)))
                    .await
                    .unwrap();
            (response.status(), response.headers().clone(), String::new())
        } else {
            send(fixture.app(), request(Method::GET, &route, Some(HOST))).await
        };
        let expected = if route == "/" {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::OK
        };
        assert_eq!(status, expected, "{route}: {body}");
        if route.starts_with("/api/") && route != "/api/events" {
            let value: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(value["store"], "OK", "{route}: {body}");
        }
        assert!(
            headers.contains_key(header::CONTENT_SECURITY_POLICY),
            "{route}"
        );
    }
}

#[tokio::test]
async fn api_routes_say_no_data_yet_when_the_store_does_not_exist() {
    let fixture = fixture(false);
    for route in ROUTES
        .iter()
        .filter(|route| route.starts_with("/api/") && **route != "/api/events")
    {
        let (status, _, body) = get(fixture.app(), &concrete(route)).await;
        assert_eq!(status, StatusCode::OK, "{route}");
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        let store = if *route == "/api/summary" {
            &value["data"]["store"]
        } else {
            &value["store"]
        };
        assert_eq!(store, "NO_DATA_YET", "{route}: {body}");
    }
    let db = livespot_audit::audit_db_path(fixture.var_dir());
    assert!(!db.exists(), "the panel created {}", db.display());
}

#[tokio::test]
async fn the_panel_reads_without_writing_to_the_store() {
    let fixture = fixture(true);
    let db = livespot_audit::audit_db_path(fixture.var_dir());
    let before = std::fs::read(&db).unwrap();
    for route in [
        "/api/summary",
        "/api/execution",
        "/api/trace/decision/dec-1",
        "/metrics",
    ] {
        let (status, _, _) = get(fixture.app(), route).await;
        assert_eq!(status, StatusCode::OK, "{route}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "audit.sqlite changed");
}

#[tokio::test]
async fn head_is_served_like_get() {
    let fixture = fixture(true);
    let (status, headers, body) = send(
        fixture.app(),
        request(Method::HEAD, "/dashboard", Some(HOST)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
}

#[tokio::test]
async fn trace_refuses_ids_outside_the_safe_charset() {
    let fixture = fixture(true);
    let (status, _, body) = get(fixture.app(), "/api/trace/decision/a%20b").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("PANEL_BAD_ID"), "{body}");
}

#[tokio::test]
async fn unknown_paths_are_404_with_the_strict_headers() {
    let fixture = fixture(true);
    let (status, headers, _) = get(fixture.app(), "/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}
