use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::PanelState;

#[derive(Debug, Serialize)]
pub struct HealthBody {
    pub status: &'static str,
    pub role: &'static str,
    pub run_id: String,
    pub run_mode: &'static str,
    pub sys_mode: &'static str,
}

pub async fn health(State(state): State<PanelState>) -> Json<HealthBody> {
    Json(HealthBody {
        status: "ok",
        role: "panel",
        run_id: state.run_id.clone(),
        run_mode: state.mode_label,
        sys_mode: state.current_sys_mode().as_str(),
    })
}
