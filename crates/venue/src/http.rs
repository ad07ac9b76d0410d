use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{CONNECTION, CONTENT_TYPE, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, UPGRADE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use crate::rest::{self, RestRequest};
use crate::state::Shared;
use crate::{streams, ws_api};

const MAX_BODY_BYTES: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
#[error("VENUE_CONNECTION_DROPPED: the connection was closed without a response")]
pub struct Dropped;

type Reply = Response<Full<Bytes>>;

fn plain(status: StatusCode, body: &'static str) -> Reply {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response
}

fn websocket_reply(request: &mut Request<Incoming>, shared: Arc<Shared>) -> Option<Reply> {
    let key = request
        .headers()
        .get(SEC_WEBSOCKET_KEY)?
        .as_bytes()
        .to_vec();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let on_upgrade = hyper::upgrade::on(request);
    tokio::spawn(async move {
        let Ok(upgraded) = on_upgrade.await else {
            return;
        };
        let socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        if path == "/ws-api/v3" {
            ws_api::run(socket, shared).await;
        } else {
            streams::run(socket, shared, &path, &query).await;
        }
    });
    let mut response = plain(StatusCode::SWITCHING_PROTOCOLS, "");
    let headers = response.headers_mut();
    headers.insert(
        CONNECTION,
        hyper::header::HeaderValue::from_static("Upgrade"),
    );
    headers.insert(
        UPGRADE,
        hyper::header::HeaderValue::from_static("websocket"),
    );
    let accept = hyper::header::HeaderValue::from_str(&derive_accept_key(&key)).ok()?;
    headers.insert(SEC_WEBSOCKET_ACCEPT, accept);
    Some(response)
}

fn is_websocket(request: &Request<Incoming>) -> bool {
    request
        .headers()
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

fn to_response(reply: rest::RestReply) -> Reply {
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    for (name, value) in reply.headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

async fn handle(shared: Arc<Shared>, mut request: Request<Incoming>) -> Result<Reply, Dropped> {
    if is_websocket(&request) {
        let path = request.uri().path().to_owned();
        let known = path == "/ws-api/v3" || path == "/stream" || path.starts_with("/ws");
        if !known {
            return Ok(plain(StatusCode::NOT_FOUND, ""));
        }
        return Ok(websocket_reply(&mut request, shared)
            .unwrap_or_else(|| plain(StatusCode::BAD_REQUEST, "")));
    }
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let api_key = request
        .headers()
        .get("X-MBX-APIKEY")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Ok(collected) = Limited::new(request.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
    else {
        return Ok(plain(StatusCode::PAYLOAD_TOO_LARGE, ""));
    };
    let body = String::from_utf8_lossy(&collected.to_bytes()).into_owned();
    let reply = rest::handle(
        &shared,
        RestRequest {
            method,
            path,
            query,
            body,
            api_key,
        },
    )
    .await;
    if reply.drop_connection {
        return Err(Dropped);
    }
    Ok(to_response(reply))
}

pub async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
        };
        let Ok((stream, _)) = accepted else { continue };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&shared), request));
            let connection = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            if let Err(error) = connection.await {
                tracing::debug!(%error, "rest connection ended");
            }
        });
    }
}
