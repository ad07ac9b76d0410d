use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

pub const DASHBOARD_HTML: &str = include_str!("assets/dashboard.html");
pub const PANEL_CSS: &str = include_str!("assets/panel.css");
pub const PANEL_JS: &str = include_str!("assets/panel.js");
pub const PANEL_TABS_JS: &str = include_str!("assets/panel-tabs.js");

pub async fn dashboard() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        DASHBOARD_HTML,
    )
        .into_response()
}

pub async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        PANEL_CSS,
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PANEL_JS,
    )
        .into_response()
}

pub async fn tabs_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PANEL_TABS_JS,
    )
        .into_response()
}

pub async fn root() -> Redirect {
    Redirect::to("/dashboard")
}
