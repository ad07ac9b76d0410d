use axum::Json;
use axum::response::{IntoResponse, Response};
use livespot_audit::AuditError;
use livespot_audit::panel_queries::PanelQueries;
use serde::Serialize;

use crate::{PanelError, PanelState};

pub const STORE_OK: &str = "OK";
pub const STORE_NO_DATA_YET: &str = "NO_DATA_YET";

#[derive(Debug, Serialize)]
pub struct ApiBody<T> {
    pub store: &'static str,
    pub data: Option<T>,
}

pub async fn read_store<T, F>(state: &PanelState, query: F) -> Result<Option<T>, PanelError>
where
    T: Send + 'static,
    F: FnOnce(&PanelQueries) -> Result<T, AuditError> + Send + 'static,
{
    let path = state.db_path.clone();
    let task = tokio::task::spawn_blocking(move || {
        if !path.exists() {
            return Ok(None);
        }
        let queries = PanelQueries::open(&path).map_err(|error| store_error(&error))?;
        query(&queries)
            .map(Some)
            .map_err(|error| store_error(&error))
    });
    task.await.map_err(|error| PanelError::StoreTask {
        detail: error.to_string(),
    })?
}

fn store_error(error: &AuditError) -> PanelError {
    PanelError::StoreRead {
        detail: error.to_string(),
    }
}

pub fn api_response<T: Serialize>(read: Result<Option<T>, PanelError>) -> Response {
    match read {
        Ok(Some(data)) => Json(ApiBody {
            store: STORE_OK,
            data: Some(data),
        })
        .into_response(),
        Ok(None) => Json(ApiBody::<T> {
            store: STORE_NO_DATA_YET,
            data: None,
        })
        .into_response(),
        Err(error) => error.into_response(),
    }
}
