use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Serialize;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::wire::{AssistantMessage, ChatCompletion, ChatRequest, CompletionChoice, Usage};

use super::reply::content_for;
use super::script::{StubReply, StubScript};

pub const STUB_CREATED_EPOCH_S: i64 = 1_700_000_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedRequest {
    pub bearer_present: bool,
    pub request: Option<ChatRequest>,
    pub reply: Option<StubReply>,
}

#[derive(Debug)]
struct StubState {
    script: StubScript,
    next: AtomicUsize,
    requests: Mutex<Vec<RecordedRequest>>,
}

impl StubState {
    fn record(&self, request: RecordedRequest) {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
    }
}

#[derive(Debug)]
pub struct StubServer {
    address: SocketAddr,
    state: Arc<StubState>,
    task: JoinHandle<()>,
}

fn bearer_present(headers: &HeaderMap) -> bool {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| !token.trim().is_empty())
}

fn error_body(status: StatusCode, message: &str) -> Response {
    let body = json!({"error": {"message": message, "type": "stub_error"}});
    (status, axum::Json(body)).into_response()
}

fn completion(content: String, model: &str) -> ChatCompletion {
    let completion_tokens = u64::try_from(content.len()).unwrap_or(u64::MAX) / 4 + 1;
    ChatCompletion {
        id: "chatcmpl-stub".to_owned(),
        object: "chat.completion".to_owned(),
        created: STUB_CREATED_EPOCH_S,
        model: model.to_owned(),
        choices: vec![CompletionChoice {
            index: 0,
            message: AssistantMessage {
                role: "assistant".to_owned(),
                content: Some(content),
                refusal: None,
            },
            finish_reason: Some("stop".to_owned()),
        }],
        usage: Some(Usage {
            prompt_tokens: 100,
            completion_tokens,
            total_tokens: 100 + completion_tokens,
        }),
    }
}

async fn chat_completions(
    State(state): State<Arc<StubState>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let bearer = bearer_present(&headers);
    let parsed = serde_json::from_str::<ChatRequest>(&body).ok();
    let reply = (bearer && parsed.is_some()).then(|| {
        state
            .script
            .reply_at(state.next.fetch_add(1, Ordering::SeqCst))
    });
    state.record(RecordedRequest {
        bearer_present: bearer,
        request: parsed.clone(),
        reply: reply.clone(),
    });
    let (Some(request), Some(reply)) = (parsed, reply) else {
        return if bearer {
            error_body(
                StatusCode::BAD_REQUEST,
                "body is not a chat completion request",
            )
        } else {
            error_body(StatusCode::UNAUTHORIZED, "missing bearer token")
        };
    };
    match reply {
        StubReply::Http500 => {
            return error_body(StatusCode::INTERNAL_SERVER_ERROR, "stub internal error");
        }
        StubReply::Timeout => {
            tokio::time::sleep(Duration::from_millis(state.script.sleep_ms())).await;
        }
        _ => {}
    }
    let content = content_for(&reply, &request);
    axum::Json(completion(content, &request.model)).into_response()
}

fn router_for(state: Arc<StubState>) -> Router {
    Router::new()
        .route("/v1/chat/completions", post(chat_completions))
        .with_state(state)
}

pub fn router(script: StubScript) -> Router {
    router_for(Arc::new(StubState {
        script,
        next: AtomicUsize::new(0),
        requests: Mutex::new(Vec::new()),
    }))
}

impl StubServer {
    pub async fn start(script: StubScript) -> io::Result<Self> {
        Self::start_on(0, script).await
    }

    pub async fn start_on(port: u16, script: StubScript) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(StubState {
            script,
            next: AtomicUsize::new(0),
            requests: Mutex::new(Vec::new()),
        });
        let app = router_for(Arc::clone(&state));
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::warn!(%error, "openai stub stopped");
            }
        });
        Ok(Self {
            address,
            state,
            task,
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.address)
    }

    pub fn url_line(&self) -> String {
        json!({"url": self.base_url()}).to_string()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for StubServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
