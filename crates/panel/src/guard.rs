use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::PanelState;

pub const ALLOWED_METHODS: &str = "GET, HEAD";

fn request_host(request: &Request) -> Option<String> {
    request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(ToString::to_string))
}

pub async fn refuse_foreign_host(
    State(state): State<PanelState>,
    request: Request,
    next: Next,
) -> Response {
    let served = request_host(&request).is_some_and(|host| {
        state
            .served_hosts
            .iter()
            .any(|own| own.eq_ignore_ascii_case(&host))
    });
    if served {
        return next.run(request).await;
    }
    tracing::warn!(
        reason = "PANEL_FOREIGN_HOST",
        host = ?request.headers().get(header::HOST),
        "request refused"
    );
    (
        StatusCode::MISDIRECTED_REQUEST,
        "PANEL_FOREIGN_HOST: this panel answers only on its own loopback address\n",
    )
        .into_response()
}

pub async fn read_only_methods(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let mut response = (
        StatusCode::METHOD_NOT_ALLOWED,
        "PANEL_READ_ONLY: only GET and HEAD are served\n",
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    response
}
