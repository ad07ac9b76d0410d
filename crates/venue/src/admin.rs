use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::engine::{Account, Engine};
use crate::faults::{FaultKind, FaultSpec};
use crate::num::fmt8;
use crate::options::AccountSpec;
use crate::state::Shared;

const DEFAULT_BAN_SECONDS: u64 = 60;

fn bad_request(detail: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": detail}))).into_response()
}

pub fn account_from_spec(spec: &AccountSpec) -> Result<Account, String> {
    let key_ok = !spec.api_key.is_empty()
        && spec.api_key.len() <= 256
        && spec.api_key.chars().all(|c| c.is_ascii_alphanumeric());
    if !key_ok || spec.api_secret.is_empty() {
        return Err(
            "api_key must be 1..=256 ASCII letters or digits and api_secret non-empty".to_owned(),
        );
    }
    let balances = spec
        .balances
        .iter()
        .map(|(asset, free)| {
            (
                asset.clone(),
                crate::engine::Balance {
                    free: *free,
                    locked: Decimal::ZERO,
                },
            )
        })
        .collect();
    Ok(Account {
        api_key: spec.api_key.clone(),
        secret: spec.api_secret.clone(),
        uid: 0,
        balances,
        permissions: spec.permissions.clone().unwrap_or_default(),
        create_time: 0,
        update_time: 0,
    })
}

async fn create_account(
    State(shared): State<Arc<Shared>>,
    Json(spec): Json<AccountSpec>,
) -> Response {
    match account_from_spec(&spec) {
        Ok(account) => {
            shared.lock().add_account(account);
            Json(json!({"api_key": spec.api_key})).into_response()
        }
        Err(detail) => bad_request(&detail),
    }
}

fn state_json(engine: &Engine) -> Value {
    let accounts: Vec<Value> = engine
        .accounts
        .values()
        .map(|a| json!({"api_key": a.api_key, "uid": a.uid, "balances": a.balances_json(false), "permissions": a.permissions}))
        .collect();
    let with_account = |mut value: Value, account: &str| {
        value["account"] = json!(account);
        value
    };
    let orders: Vec<Value> = engine
        .orders
        .values()
        .map(|o| with_account(o.query_json(), &o.account))
        .collect();
    let lists: Vec<Value> = engine
        .lists
        .values()
        .map(|l| with_account(l.query_json(engine), &l.account))
        .collect();
    let fills: Vec<Value> = engine
        .fills
        .iter()
        .map(|f| with_account(f.my_trade_json(), &f.account))
        .collect();
    let markets: Vec<Value> = engine
        .markets
        .values()
        .map(|m| json!({"symbol": m.symbol, "last_price": fmt8(m.last_price), "update_id": m.book.update_id}))
        .collect();
    json!({
        "server_time": engine.now(), "ticks": engine.clock.ticks, "clock_skew_ms": engine.clock.skew_ms,
        "clock": engine.clock.describe(),
        "accounts": accounts, "orders": orders, "order_lists": lists, "fills": fills,
        "markets": markets, "faults": engine.faults.active
    })
}

async fn state(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(state_json(&shared.lock()))
}

async fn requests(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let engine = shared.lock();
    let list: Vec<Value> = engine
        .requests
        .iter()
        .map(|r| json!({"time": r.time, "method": r.method, "path": r.path, "client_order_id": r.client_order_id, "status": r.status, "code": r.code}))
        .collect();
    Json(json!(list))
}

async fn add_fault(State(shared): State<Arc<Shared>>, Json(spec): Json<FaultSpec>) -> Json<Value> {
    if spec.kind == FaultKind::StreamsDisconnect {
        shared.disconnect_streams();
        return Json(json!({"applied": spec}));
    }
    let mut engine = shared.lock();
    let now = engine.now();
    let per_wall_ms = engine.clock.venue_ms_per_wall_ms();
    match spec.kind {
        FaultKind::ClockSkew => engine.clock.skew_ms += spec.ms.unwrap_or_default(),
        FaultKind::Ban => {
            let seconds = spec.seconds.unwrap_or(DEFAULT_BAN_SECONDS);
            let wall_now = engine.rate_now();
            engine.rate.ban(
                wall_now,
                i64::try_from(seconds).unwrap_or(i64::MAX / 2_000) * 1_000,
            );
        }
        _ => engine.faults.add_lasting(spec.clone(), now, per_wall_ms),
    }
    Json(json!({"applied": spec}))
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let mut engine = shared.lock();
    engine.faults.clear();
    engine.rate.banned_until = None;
    engine.clock.skew_ms = 0;
    Json(json!({"cleared": true}))
}

#[derive(Debug, Deserialize)]
struct Deposit {
    api_key: String,
    asset: String,
    delta: Decimal,
}

async fn deposit(State(shared): State<Arc<Shared>>, Json(deposit): Json<Deposit>) -> Response {
    match shared
        .lock()
        .adjust_balance(&deposit.api_key, &deposit.asset, deposit.delta)
    {
        Ok(()) => Json(json!({"ok": true})).into_response(),
        Err(error) => bad_request(&error.msg),
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/admin/accounts", post(create_account))
        .route("/admin/state", get(state))
        .route("/admin/requests", get(requests))
        .route("/admin/faults", post(add_fault).delete(clear_faults))
        .route("/admin/balances", post(deposit))
        .with_state(shared)
}
