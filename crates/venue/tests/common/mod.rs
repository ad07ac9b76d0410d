#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    dead_code,
    reason = "test helpers fail loudly; each test binary uses a different subset"
)]

pub mod shape;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::{SinkExt, StreamExt};
use livespot_venue::{SimHandle, SimOptions, hmac_hex};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub const KEY: &str = "testkey1";
pub const SECRET: &str = "testsecret1";

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn code(&self) -> i64 {
        self.body["code"].as_i64().unwrap_or(0)
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

#[derive(Debug)]
pub struct Sim {
    pub handle: SimHandle,
    pub http: reqwest::Client,
}

pub fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

pub async fn start(options: SimOptions) -> Sim {
    let handle = livespot_venue::spawn(options).await.expect("sim starts");
    let sim = Sim {
        handle,
        http: reqwest::Client::new(),
    };
    sim.create_account(
        KEY,
        SECRET,
        json!({"USDT": "100000", "BTC": "2", "ETH": "20"}),
    )
    .await;
    sim
}

pub async fn start_default() -> Sim {
    start(SimOptions::default()).await
}

async fn to_reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        headers,
        body,
    }
}

impl Sim {
    pub async fn create_account(&self, key: &str, secret: &str, balances: Value) {
        let body = json!({"api_key": key, "api_secret": secret, "balances": balances});
        let reply = self.admin_post("/admin/accounts", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    }

    pub async fn admin_post(&self, path: &str, body: &Value) -> Reply {
        let url = format!("{}{path}", self.handle.admin_url);
        to_reply(self.http.post(url).json(body).send().await.unwrap()).await
    }

    pub async fn admin_get(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.handle.admin_url);
        to_reply(self.http.get(url).send().await.unwrap())
            .await
            .body
    }

    pub async fn admin_delete(&self, path: &str) -> Reply {
        let url = format!("{}{path}", self.handle.admin_url);
        to_reply(self.http.delete(url).send().await.unwrap()).await
    }

    pub async fn fault(&self, fault: Value) {
        let reply = self.admin_post("/admin/faults", &fault).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    }

    pub async fn public(&self, path_and_query: &str) -> Reply {
        let url = format!("{}{path_and_query}", self.handle.rest_url);
        to_reply(self.http.get(url).send().await.unwrap()).await
    }

    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        query: &str,
        body: &str,
        key: Option<&str>,
    ) -> Reply {
        let url = if query.is_empty() {
            format!("{}{path}", self.handle.rest_url)
        } else {
            format!("{}{path}?{query}", self.handle.rest_url)
        };
        let mut request = self.http.request(method, url);
        if let Some(key) = key {
            request = request.header("X-MBX-APIKEY", key);
        }
        if !body.is_empty() {
            request = request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.to_owned());
        }
        to_reply(request.send().await.unwrap()).await
    }

    pub async fn signed_as(
        &self,
        key: &str,
        secret: &str,
        method: Method,
        path: &str,
        params: &str,
    ) -> Reply {
        let sep = if params.is_empty() { "" } else { "&" };
        let query = format!("{params}{sep}timestamp={}", now_ms());
        let signature = hmac_hex(secret, &query);
        self.raw(
            method,
            path,
            &format!("{query}&signature={signature}"),
            "",
            Some(key),
        )
        .await
    }

    pub async fn signed(&self, method: Method, path: &str, params: &str) -> Reply {
        self.signed_as(KEY, SECRET, method, path, params).await
    }

    pub async fn order(&self, params: &str) -> Reply {
        self.signed(Method::POST, "/api/v3/order", params).await
    }

    pub async fn best(&self, symbol: &str) -> (Decimal, Decimal) {
        let book = self
            .public(&format!("/api/v3/ticker/bookTicker?symbol={symbol}"))
            .await
            .body;
        (dec_of(&book["bidPrice"]), dec_of(&book["askPrice"]))
    }

    pub async fn ws(&self, path: &str) -> Ws {
        let (socket, _) = tokio_tungstenite::connect_async(format!("{}{path}", self.handle.ws_url))
            .await
            .expect("ws connects");
        socket
    }
}

pub async fn next_json(socket: &mut Ws) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a message within 10 s")
            .expect("socket open")
            .expect("frame ok");
        if let Message::Text(text) = message {
            return serde_json::from_str(text.as_str()).unwrap();
        }
    }
}

pub async fn next_matching(socket: &mut Ws, limit: usize, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..limit {
        let value = next_json(socket).await;
        if pred(&value) {
            return value;
        }
    }
    panic!("no matching message within {limit} messages");
}

pub async fn send_json(socket: &mut Ws, value: &Value) {
    socket.send(Message::text(value.to_string())).await.unwrap();
}

pub fn dec_of(value: &Value) -> Decimal {
    value
        .as_str()
        .expect("decimal string")
        .parse()
        .expect("decimal")
}

pub fn price_text(value: Decimal) -> String {
    value.round_dp(2).normalize().to_string()
}

pub fn shared_or_skip(relative: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "shared file missing in CI: {}",
        path.display()
    );
    eprintln!("skipping: shared file not found at {}", path.display());
    None
}
