use std::collections::BTreeMap;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Map, Value, json};
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use crate::api_error::ApiError;
use crate::engine::Engine;
use crate::signing;
use crate::state::Shared;
use crate::streams::Socket;

const CONNECT_WEIGHT: u32 = 2;
const SUBSCRIBE_WEIGHT: u32 = 2;

#[derive(Debug, Default)]
struct Session {
    subscriptions: BTreeMap<u64, String>,
    next_id: u64,
}

fn rate_limits(engine: &mut Engine) -> Value {
    let now = engine.rate_now();
    let used = engine.rate.used_weight(now);
    json!([{"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": engine.exchange.limits.weight_per_minute, "count": used}])
}

fn respond(engine: &mut Engine, id: &Value, outcome: Result<Value, ApiError>) -> Value {
    let limits = rate_limits(engine);
    match outcome {
        Ok(result) => json!({"id": id, "status": 200, "result": result, "rateLimits": limits}),
        Err(error) => {
            json!({"id": id, "status": error.status, "error": error.json(), "rateLimits": limits})
        }
    }
}

fn subscribe(
    engine: &mut Engine,
    session: &mut Session,
    params: &Map<String, Value>,
) -> Result<Value, ApiError> {
    let now = engine.now();
    let wall_now = engine.rate_now();
    let tolerance_scale = engine.clock.venue_ms_per_wall_ms();
    engine
        .rate
        .charge(wall_now, SUBSCRIBE_WEIGHT, engine.exchange.limits)?;
    let api_key = params
        .get("apiKey")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::mandatory("apiKey"))?;
    let account = engine.accounts.get(api_key).ok_or_else(|| {
        ApiError::new(
            401,
            -2015,
            "Invalid API-key, IP, or permissions for action.",
        )
    })?;
    let signature = params.get("signature").and_then(Value::as_str);
    signing::verify(&account.secret, &signing::ws_payload(params), signature)?;
    let text = |key: &str| {
        params
            .get(key)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
    };
    signing::check_timing(
        text("timestamp").as_deref(),
        text("recvWindow").as_deref(),
        now,
        tolerance_scale,
    )?;
    if session.subscriptions.values().any(|k| k == api_key) {
        return Err(ApiError::bad(
            -2035,
            "User Data Stream subscription already active.",
        ));
    }
    let id = session.next_id;
    session.next_id += 1;
    session.subscriptions.insert(id, api_key.to_owned());
    Ok(json!({"subscriptionId": id}))
}

fn unsubscribe(
    session: &mut Session,
    params: &Map<String, Value>,
    now: i64,
) -> (Result<Value, ApiError>, Vec<Value>) {
    let ended: Vec<u64> = match params.get("subscriptionId").and_then(Value::as_u64) {
        Some(id) if session.subscriptions.contains_key(&id) => vec![id],
        Some(_) => {
            return (
                Err(ApiError::bad(
                    -2036,
                    "User Data Stream subscription not active.",
                )),
                Vec::new(),
            );
        }
        None => session.subscriptions.keys().copied().collect(),
    };
    let events = ended
        .iter()
        .filter_map(|id| session.subscriptions.remove(id).map(|_| json!({"subscriptionId": id, "event": {"e": "eventStreamTerminated", "E": now}})))
        .collect();
    (Ok(json!({})), events)
}

type Outcome = (Result<Value, ApiError>, Vec<Value>);

fn route_method(
    engine: &mut Engine,
    session: &mut Session,
    method: &str,
    params: &Map<String, Value>,
    now: i64,
) -> Outcome {
    match method {
        "ping" => (Ok(json!({})), Vec::new()),
        "time" => (Ok(json!({"serverTime": now})), Vec::new()),
        "userDataStream.subscribe.signature" => (subscribe(engine, session, params), Vec::new()),
        "userDataStream.unsubscribe" => unsubscribe(session, params, now),
        "session.subscriptions" => (
            Ok(json!(
                session
                    .subscriptions
                    .keys()
                    .map(|id| json!({"subscriptionId": id}))
                    .collect::<Vec<_>>()
            )),
            Vec::new(),
        ),
        other => (
            crate::ws_methods::call(engine, other, params)
                .unwrap_or_else(|| Err(ApiError::bad(-1020, "This operation is not supported."))),
            Vec::new(),
        ),
    }
}

fn handle(shared: &Shared, session: &mut Session, text: &str) -> Vec<Value> {
    let mut engine = shared.lock();
    let Ok(request) = serde_json::from_str::<Value>(text) else {
        return vec![respond(
            &mut engine,
            &Value::Null,
            Err(ApiError::bad(-1135, "Malformed JSON request.")),
        )];
    };
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let empty = Map::new();
    let params = request
        .get("params")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let method = request
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let method = method.strip_prefix("v3/").unwrap_or(method);
    let now = engine.now();
    let wall_now = engine.rate_now();
    if let Err(banned) = engine.rate.check_ban(wall_now) {
        let until = engine.rate.banned_until.unwrap_or(wall_now);
        let error = banned.with_data(json!({"serverTime": now, "retryAfter": until}));
        return vec![respond(&mut engine, &id, Err(error))];
    }
    let (outcome, mut extra) = route_method(&mut engine, session, method, params, now);
    let mut replies = vec![respond(&mut engine, &id, outcome)];
    replies.append(&mut extra);
    replies
}

fn wrap_user_events(session: &Session, api_key: &str, payload: &Value) -> Vec<Value> {
    session
        .subscriptions
        .iter()
        .filter(|(_, key)| key.as_str() == api_key)
        .map(|(id, _)| json!({"subscriptionId": id, "event": payload}))
        .collect()
}

async fn send_all(socket: &mut Socket, values: Vec<Value>) -> bool {
    for value in values {
        if socket.send(Message::text(value.to_string())).await.is_err() {
            return false;
        }
    }
    true
}

pub async fn run(mut socket: Socket, shared: Arc<Shared>) {
    let mut session = Session::default();
    let mut users = shared.user_tx.subscribe();
    {
        let mut engine = shared.lock();
        let now = engine.rate_now();
        let limits = engine.exchange.limits;
        if let Err(error) = engine.rate.charge(now, CONNECT_WEIGHT, limits) {
            tracing::debug!(code = error.code, "ws api connection over the weight limit");
        }
    }
    let mut ping = tokio::time::interval_at(Instant::now() + shared.ping_every, shared.ping_every);
    let mut disconnect = shared.disconnect.subscribe();
    disconnect.mark_unchanged();
    let mut last_pong = Instant::now();
    loop {
        let keep_going = tokio::select! {
            event = users.recv() => match event {
                Ok(event) => send_all(&mut socket, wrap_user_events(&session, &event.api_key, &event.payload)).await,
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => false,
            },
            incoming = socket.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let replies = handle(&shared, &mut session, text.as_str());
                    send_all(&mut socket, replies).await
                }
                Some(Ok(Message::Pong(_) | Message::Ping(_))) => {
                    last_pong = Instant::now();
                    true
                }
                Some(Ok(Message::Binary(_) | Message::Frame(_))) => true,
                Some(Ok(Message::Close(_)) | Err(_)) | None => false,
            },
            _ = disconnect.changed() => false,
            _ = ping.tick() => last_pong.elapsed() <= shared.pong_timeout() && socket.send(Message::Ping(bytes::Bytes::from_static(b"sim"))).await.is_ok(),
        };
        if !keep_going {
            return;
        }
    }
}
