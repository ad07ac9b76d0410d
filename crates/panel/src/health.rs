use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use livespot_runtime::ChildLink;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct HealthState {
    pub run_id: String,
    pub run_mode: &'static str,
    pub link: ChildLink,
}

#[derive(Debug, Serialize)]
struct HealthBody {
    status: &'static str,
    role: &'static str,
    run_id: String,
    run_mode: &'static str,
    sys_mode: String,
}

async fn health(State(state): State<HealthState>) -> Json<HealthBody> {
    Json(HealthBody {
        status: "ok",
        role: "panel",
        run_id: state.run_id.clone(),
        run_mode: state.run_mode,
        sys_mode: state.link.mode().as_str().to_owned(),
    })
}

pub fn health_router(state: HealthState) -> Router {
    Router::new()
        .route("/health", get(health))
        .with_state(state)
}
