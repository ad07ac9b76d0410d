mod account;
mod auth;
mod market;
pub use market::levels_json;
mod order_list;
mod order_params;
mod routes;
mod trade;

use std::time::Duration;

use serde_json::Value;

use crate::api_error::ApiError;
use crate::engine::{Engine, RequestRecord};
use crate::faults::{FaultKind, RequestScope};
use crate::params::Params;
use crate::state::Shared;
use routes::{OrderEffect, Route};

const REQUEST_LOG_CAP: usize = 10_000;

#[derive(Debug)]
pub struct Ctx<'a> {
    pub params: &'a Params,
    pub api_key: &'a str,
    pub partial: bool,
}

#[derive(Debug, Clone)]
pub struct RestRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: String,
    pub api_key: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RestReply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(&'static str, String)>,
    pub drop_connection: bool,
    pub code: Option<i64>,
}

fn scope<'a>(route: &Route, params: &'a Params, now: i64) -> RequestScope<'a> {
    RequestScope {
        path: route.path,
        symbol: params.get("symbol"),
        now,
    }
}

fn delay_ms(shared: &Shared, request: &RestRequest) -> u64 {
    let Some(route) = routes::find(&request.method, &request.path) else {
        return 0;
    };
    let Ok(params) = Params::parse(&request.query, &request.body) else {
        return 0;
    };
    let mut engine = shared.lock();
    let now = engine.now();
    engine
        .faults
        .take(FaultKind::Delay, scope(route, &params, now))
        .and_then(|f| f.ms)
        .and_then(|ms| u64::try_from(ms).ok())
        .unwrap_or(0)
}

pub async fn handle(shared: &Shared, request: RestRequest) -> RestReply {
    let delay = delay_ms(shared, &request);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let mut engine = shared.lock();
    let reply = process(&mut engine, &request);
    log_request(&mut engine, &request, &reply);
    reply
}

fn client_order_id(request: &RestRequest) -> Option<String> {
    let params = Params::parse(&request.query, &request.body).ok()?;
    [
        "newClientOrderId",
        "origClientOrderId",
        "listClientOrderId",
        "cancelOrigClientOrderId",
    ]
    .iter()
    .find_map(|key| params.get(key).map(str::to_owned))
}

fn log_request(engine: &mut Engine, request: &RestRequest, reply: &RestReply) {
    let record = RequestRecord {
        time: engine.now(),
        method: request.method.clone(),
        path: request.path.clone(),
        client_order_id: client_order_id(request),
        status: reply.status,
        code: reply.code,
    };
    engine.requests.push(record);
    if engine.requests.len() > REQUEST_LOG_CAP {
        engine.requests.remove(0);
    }
}

fn reply(engine: &mut Engine, status: u16, body: String, code: Option<i64>) -> RestReply {
    let now = engine.rate_now();
    let weight = engine.rate.used_weight(now);
    RestReply {
        status,
        body,
        headers: vec![("X-MBX-USED-WEIGHT-1M", weight.to_string())],
        drop_connection: false,
        code,
    }
}

fn error_reply(engine: &mut Engine, error: &ApiError) -> RestReply {
    let mut out = reply(engine, error.status, error.body(), Some(error.code));
    if let Some(seconds) = error.retry_after_secs {
        out.headers.push(("Retry-After", seconds.to_string()));
    }
    out
}

fn process(engine: &mut Engine, request: &RestRequest) -> RestReply {
    let Some(route) = routes::find(&request.method, &request.path) else {
        return error_reply(engine, &ApiError::new(404, -1000, "Not found."));
    };
    let params = match Params::parse(&request.query, &request.body) {
        Ok(params) => params,
        Err(error) => return error_reply(engine, &error),
    };
    match run_route(engine, route, request.api_key.as_deref(), &params) {
        Ok(value) => success(engine, route, &params, &value),
        Err(error) => error_reply(engine, &error),
    }
}

fn pre_faults(engine: &mut Engine, route: &Route, params: &Params) -> Result<(), ApiError> {
    let wall_now = engine.rate_now();
    engine.rate.check_ban(wall_now)?;
    let now = engine.now();
    if let Some(fault) = engine
        .faults
        .take(FaultKind::RateLimit, scope(route, params, now))
    {
        return Err(ApiError::new(429, -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.")
            .with_retry_after(fault.seconds.unwrap_or(1)));
    }
    if let Some(fault) = engine
        .faults
        .take(FaultKind::RejectNext, scope(route, params, now))
    {
        let code = fault.code.unwrap_or(-1000);
        return Err(ApiError::bad(
            code,
            format!("Rejected by simulator fault (code {code})."),
        ));
    }
    Ok(())
}

pub fn dispatch(
    engine: &mut Engine,
    method: &str,
    path: &str,
    params: &Params,
    api_key: Option<&str>,
) -> Result<Value, ApiError> {
    let route = routes::find(method, path)
        .ok_or_else(|| ApiError::bad(-1020, "This operation is not supported."))?;
    run_route(engine, route, api_key, params)
}

fn run_route(
    engine: &mut Engine,
    route: &Route,
    api_key: Option<&str>,
    params: &Params,
) -> Result<Value, ApiError> {
    pre_faults(engine, route, params)?;
    let now = engine.now();
    let limits = engine.exchange.limits;
    if route.effect == OrderEffect::None {
        let wall_now = engine.rate_now();
        engine
            .rate
            .charge(wall_now, (route.weight)(params), limits)?;
    }
    let outcome = auth::authenticate(engine, route, api_key, params, now).and_then(|api_key| {
        let partial = route.effect == OrderEffect::Places
            && engine
                .faults
                .take(FaultKind::PartialFills, scope(route, params, now))
                .is_some();
        let ctx = Ctx {
            params,
            api_key: &api_key,
            partial,
        };
        (route.handler)(engine, &ctx)
    });
    let failed_order = outcome.is_err() && route.effect != OrderEffect::None;
    if let (true, Err(limited)) = (
        failed_order,
        engine
            .rate
            .charge_if(failed_order, now, (route.weight)(params), limits),
    ) {
        tracing::debug!(
            code = limited.code,
            "weight limit reached on a failed order request"
        );
    }
    outcome
}

fn success(engine: &mut Engine, route: &Route, params: &Params, value: &Value) -> RestReply {
    let now = engine.now();
    if route.effect != OrderEffect::None {
        let scope = scope(route, params, now);
        if engine
            .faults
            .take(FaultKind::ExecuteThenDrop, scope)
            .is_some()
        {
            let mut dropped = reply(engine, 0, String::new(), None);
            dropped.drop_connection = true;
            return dropped;
        }
        if engine
            .faults
            .take(FaultKind::ExecuteThenUnknown, scope)
            .is_some()
        {
            let unknown = ApiError::new(
                500,
                -1007,
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
            );
            return error_reply(engine, &unknown);
        }
        if engine
            .faults
            .take(FaultKind::ExecuteThen503, scope)
            .is_some()
        {
            let busy = ApiError::new(
                503,
                -1008,
                "Server is currently overloaded with other requests. Please try again in a few minutes.",
            );
            return error_reply(engine, &busy);
        }
    }
    let mut out = reply(engine, 200, value.to_string(), None);
    if route.effect == OrderEffect::Places {
        let wall_now = engine.rate_now();
        let (ten, day) = engine.rate.order_counts(wall_now);
        out.headers.push(("X-MBX-ORDER-COUNT-10S", ten.to_string()));
        out.headers.push(("X-MBX-ORDER-COUNT-1D", day.to_string()));
    }
    out
}
