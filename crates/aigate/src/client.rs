use std::time::Duration;

use crate::error::{GateError, SetupError};
use crate::key::ApiKey;
use crate::wire::{ChatCompletion, ChatRequest};

pub const DETAIL_MAX_CHARS: usize = 300;

#[derive(Debug, Clone)]
pub struct ChatClient {
    http: reqwest::Client,
    endpoint: String,
    key: ApiKey,
    timeout_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallReply {
    pub raw_body: Option<String>,
    pub total_tokens: u64,
    pub content: Result<String, GateError>,
}

impl CallReply {
    fn failed(error: GateError) -> Self {
        Self {
            raw_body: None,
            total_tokens: 0,
            content: Err(error),
        }
    }
}

pub fn shorten(text: &str) -> String {
    text.chars().take(DETAIL_MAX_CHARS).collect()
}

fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let installed = rustls::crypto::aws_lc_rs::default_provider().install_default();
        if installed.is_err() {
            tracing::debug!("rustls crypto provider was installed concurrently");
        }
    }
}

impl ChatClient {
    pub fn new(base_url: &str, key: ApiKey, timeout_ms: u64) -> Result<Self, SetupError> {
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(timeout_ms))
            .build()
            .map_err(|error| SetupError::HttpClient {
                detail: error.to_string(),
            })?;
        Ok(Self {
            http,
            endpoint: format!("{}/chat/completions", base_url.trim_end_matches('/')),
            key,
            timeout_ms,
        })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    pub async fn complete(&self, request: &ChatRequest) -> CallReply {
        let exchange = async {
            let response = self
                .http
                .post(&self.endpoint)
                .bearer_auth(self.key.expose())
                .json(request)
                .send()
                .await?;
            let status = response.status();
            let body = response.text().await?;
            Ok::<_, reqwest::Error>((status, body))
        };
        let limit = Duration::from_millis(self.timeout_ms);
        match tokio::time::timeout(limit, exchange).await {
            Err(_) => CallReply::failed(GateError::Timeout {
                timeout_ms: self.timeout_ms,
            }),
            Ok(Err(error)) => CallReply::failed(self.classify(&error)),
            Ok(Ok((status, body))) => self.read_answer(status, body),
        }
    }

    fn classify(&self, error: &reqwest::Error) -> GateError {
        if error.is_timeout() {
            GateError::Timeout {
                timeout_ms: self.timeout_ms,
            }
        } else {
            GateError::Network {
                detail: shorten(&self.key.redact(&error.to_string())),
            }
        }
    }

    fn read_answer(&self, status: reqwest::StatusCode, body: String) -> CallReply {
        if !status.is_success() {
            let detail = shorten(&self.key.redact(&body));
            return CallReply {
                raw_body: Some(body),
                total_tokens: 0,
                content: Err(GateError::Http {
                    status: status.as_u16(),
                    detail,
                }),
            };
        }
        let parsed = serde_json::from_str::<ChatCompletion>(&body);
        let total_tokens = parsed
            .as_ref()
            .ok()
            .and_then(|completion| completion.usage)
            .map_or(0, |usage| usage.total_tokens);
        let content = parsed
            .map_err(|error| GateError::Parse {
                detail: format!("completion envelope: {error}"),
            })
            .and_then(first_content);
        CallReply {
            raw_body: Some(body),
            total_tokens,
            content,
        }
    }
}

fn first_content(completion: ChatCompletion) -> Result<String, GateError> {
    let message = completion
        .choices
        .into_iter()
        .next()
        .map(|choice| choice.message)
        .ok_or_else(|| GateError::EmptyAnswer {
            detail: "no choices".to_owned(),
        })?;
    if let Some(refusal) = message.refusal {
        return Err(GateError::EmptyAnswer {
            detail: format!("refusal: {}", shorten(&refusal)),
        });
    }
    match message.content {
        Some(content) if !content.trim().is_empty() => Ok(content),
        _ => Err(GateError::EmptyAnswer {
            detail: "message content is empty".to_owned(),
        }),
    }
}
