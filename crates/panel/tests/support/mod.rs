#![allow(
    dead_code,
    reason = "each test file uses a different subset of the helpers"
)]

pub mod cdp;
pub mod page;
pub mod seed;
pub mod sim;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use livespot_config::Config;
use livespot_domain::{FixedClock, SysMode};
use livespot_panel::{PanelClock, PanelSettings, PanelState, app};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

pub const HOST: &str = "127.0.0.1:4321";
pub const RUN_ID: &str = "run-1";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub state: PanelState,
    pub mode: watch::Sender<SysMode>,
}

pub fn fixture(seeded: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    if seeded {
        seed::write_store(dir.path());
    }
    let (mode, receiver) = watch::channel(SysMode::Normal);
    let settings = PanelSettings {
        db_path: livespot_audit::audit_db_path(dir.path()),
        mode_label: "SIM",
        venue_clock_scale: 240,
        run_id: RUN_ID.to_owned(),
        sys_mode: receiver,
        served_hosts: vec![HOST.to_owned()],
        shutdown: CancellationToken::new(),
        clock: PanelClock(Arc::new(FixedClock::new(seed::BASE_TS + 30_000))),
    };
    let state = PanelState::new(settings, &Config::shipped().unwrap());
    Fixture { dir, state, mode }
}

impl Fixture {
    pub fn app(&self) -> Router {
        app(self.state.clone())
    }

    pub fn var_dir(&self) -> &Path {
        self.dir.path()
    }
}

pub fn request(method: Method, path: &str, host: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(host) = host {
        builder = builder.header(header::HOST, host);
    }
    builder.body(Body::empty()).unwrap()
}

pub async fn send(app: Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 4 * 1024 * 1024)
        .await
        .unwrap();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

pub async fn get(app: Router, path: &str) -> (StatusCode, HeaderMap, String) {
    send(app, request(Method::GET, path, Some(HOST))).await
}

pub async fn get_json(app: Router, path: &str) -> serde_json::Value {
    let (status, _, body) = get(app, path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}
