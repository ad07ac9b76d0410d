mod control;
mod render;

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use hyper_util::rt::TokioIo;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

use crate::state::Shared;
use control::Subscriptions;

pub type Socket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

fn frame(subs: &Subscriptions, name: &str, payload: &serde_json::Value) -> Message {
    let text = if subs.combined {
        serde_json::json!({"stream": name, "data": payload}).to_string()
    } else {
        payload.to_string()
    };
    Message::text(text)
}

enum Step {
    Continue,
    Stop,
}

async fn on_incoming(
    socket: &mut Socket,
    subs: &mut Subscriptions,
    incoming: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    last_pong: &mut Instant,
) -> Step {
    match incoming {
        Some(Ok(Message::Text(text))) => {
            let reply = subs.handle(text.as_str());
            if socket.send(Message::text(reply.to_string())).await.is_err() {
                return Step::Stop;
            }
            Step::Continue
        }
        Some(Ok(Message::Pong(_) | Message::Ping(_))) => {
            *last_pong = Instant::now();
            Step::Continue
        }
        Some(Ok(Message::Binary(_) | Message::Frame(_))) => Step::Continue,
        Some(Ok(Message::Close(_)) | Err(_)) | None => Step::Stop,
    }
}

pub async fn run(mut socket: Socket, shared: Arc<Shared>, path: &str, query: &str) {
    let mut subs = Subscriptions::from_url(path, query);
    let mut market = shared.market_tx.subscribe();
    let mut disconnect = shared.disconnect.subscribe();
    disconnect.mark_unchanged();
    let mut ping = tokio::time::interval_at(Instant::now() + shared.ping_every, shared.ping_every);
    let mut last_pong = Instant::now();
    loop {
        tokio::select! {
            event = market.recv() => match event {
                Ok(event) => {
                    for (name, payload) in render::render(&event, &subs.names) {
                        if socket.send(frame(&subs, &name, &payload)).await.is_err() {
                            return;
                        }
                    }
                }
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
            incoming = socket.next() => {
                if matches!(on_incoming(&mut socket, &mut subs, incoming, &mut last_pong).await, Step::Stop) {
                    return;
                }
            }
            _ = ping.tick() => {
                if last_pong.elapsed() > shared.pong_timeout() || socket.send(Message::Ping(bytes::Bytes::from_static(b"sim"))).await.is_err() {
                    return;
                }
            }
            _ = disconnect.changed() => {
                if socket.close(None).await.is_err() {
                    tracing::trace!("stream close after disconnect fault failed");
                }
                return;
            }
        }
    }
}
