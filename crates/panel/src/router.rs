use axum::Router;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;

use crate::guard::{read_only_methods, refuse_foreign_host};
use crate::headers::strict_headers;
use crate::{PanelState, alerts, assets, execution, health, health_view, metrics, sse, summary};
use crate::{orders_tab, tabs, timeline, trace};

pub const ROUTES: [&str; 19] = [
    "/",
    "/dashboard",
    "/assets/panel.css",
    "/assets/panel.js",
    "/assets/panel-tabs.js",
    "/health",
    "/metrics",
    "/api/summary",
    "/api/alerts",
    "/api/timeline",
    "/api/health",
    "/api/execution",
    "/api/market",
    "/api/risk",
    "/api/aigate",
    "/api/topn",
    "/api/orders",
    "/api/events",
    "/api/trace/decision/{id}",
];

async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "PANEL_NOT_FOUND\n")
}

fn api_routes() -> Router<PanelState> {
    Router::new()
        .route("/api/summary", get(summary::summary))
        .route("/api/alerts", get(alerts::alerts))
        .route("/api/timeline", get(timeline::timeline))
        .route("/api/health", get(health_view::health_panel))
        .route("/api/execution", get(execution::execution))
        .route("/api/market", get(tabs::market))
        .route("/api/risk", get(tabs::risk))
        .route("/api/aigate", get(tabs::ai_gate))
        .route("/api/topn", get(tabs::topn))
        .route("/api/orders", get(orders_tab::orders))
        .route("/api/events", get(sse::events))
        .route("/api/trace/decision/{id}", get(trace::decision_trace))
        .route("/api/trace/intent/{id}", get(trace::intent_trace))
}

pub fn app(state: PanelState) -> Router {
    Router::new()
        .route("/", get(assets::root))
        .route("/dashboard", get(assets::dashboard))
        .route("/assets/panel.css", get(assets::stylesheet))
        .route("/assets/panel.js", get(assets::script))
        .route("/assets/panel-tabs.js", get(assets::tabs_script))
        .route("/health", get(health::health))
        .route("/metrics", get(metrics::metrics))
        .merge(api_routes())
        .fallback(not_found)
        .layer(from_fn(read_only_methods))
        .layer(from_fn_with_state(state.clone(), refuse_foreign_host))
        .layer(from_fn(strict_headers))
        .with_state(state)
}
