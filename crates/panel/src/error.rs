use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum PanelError {
    #[error("PANEL_BIND_NOT_LOOPBACK: {address} is not a loopback address")]
    BindNotLoopback { address: String },
    #[error("PANEL_BIND_FAILED: {address}: {detail}")]
    BindFailed { address: String, detail: String },
    #[error("PANEL_STORE_READ_FAILED: {detail}")]
    StoreRead { detail: String },
    #[error("PANEL_STORE_TASK_FAILED: {detail}")]
    StoreTask { detail: String },
    #[error("PANEL_BAD_ID: {detail}")]
    BadId { detail: String },
}

impl PanelError {
    pub const fn reason_code(&self) -> &'static str {
        match self {
            Self::BindNotLoopback { .. } => "PANEL_BIND_NOT_LOOPBACK",
            Self::BindFailed { .. } => "PANEL_BIND_FAILED",
            Self::StoreRead { .. } => "PANEL_STORE_READ_FAILED",
            Self::StoreTask { .. } => "PANEL_STORE_TASK_FAILED",
            Self::BadId { .. } => "PANEL_BAD_ID",
        }
    }

    const fn status(&self) -> StatusCode {
        match self {
            Self::BadId { .. } => StatusCode::BAD_REQUEST,
            Self::BindNotLoopback { .. } | Self::BindFailed { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            Self::StoreRead { .. } | Self::StoreTask { .. } => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    reason_code: &'static str,
    detail: String,
}

impl IntoResponse for PanelError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            reason_code: self.reason_code(),
            detail: self.to_string(),
        };
        (self.status(), Json(body)).into_response()
    }
}
