use crate::error::BinanceError;
use crate::rest::client::RestClient;
use crate::secret::Credentials;
use crate::streams::backoff::Backoff;
use crate::streams::client::CONNECTION_ROTATE_AFTER;
use crate::streams::health::StreamHealth;
use crate::user_data::events::{UserDataEvent, parse_user_event_text};
use crate::user_data::subscribe::{is_response_to, parse_subscribe_response, subscribe_request};
use futures_util::{SinkExt, StreamExt};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

pub const USER_DATA_STREAM_NAME: &str = "userData";

#[derive(Debug, Clone)]
pub struct UserDataConfig {
    pub ws_api_url: String,
    pub credentials: Credentials,
    pub recv_window_ms: u64,
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    pub rotate_after: Duration,
}

impl UserDataConfig {
    pub fn new(ws_api_url: &str, credentials: Credentials) -> Self {
        Self {
            ws_api_url: ws_api_url.to_owned(),
            credentials,
            recv_window_ms: 5000,
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            rotate_after: CONNECTION_ROTATE_AFTER,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserStreamItem {
    Subscribed {
        subscription_id: i64,
        connection: u64,
    },
    Event(UserDataEvent),
    Disconnected,
    SubscribeFailed(BinanceError),
}

#[derive(Debug)]
pub struct UserDataStream {
    stop: Option<oneshot::Sender<()>>,
    health: Arc<StreamHealth>,
    task: JoinHandle<()>,
}

impl UserDataStream {
    pub fn spawn(
        config: UserDataConfig,
        rest: RestClient,
    ) -> (Self, mpsc::Receiver<UserStreamItem>) {
        crate::install_crypto_provider();
        let (stop_tx, stop_rx) = oneshot::channel();
        let (items_tx, items_rx) = mpsc::channel(1024);
        let health = Arc::new(StreamHealth::default());
        health.watch(USER_DATA_STREAM_NAME);
        let worker = UserWorker {
            config,
            rest,
            health: Arc::clone(&health),
            items: items_tx,
            stop: stop_rx,
        };
        let task = tokio::spawn(worker.run());
        (
            Self {
                stop: Some(stop_tx),
                health,
                task,
            },
            items_rx,
        )
    }

    pub fn health(&self) -> &Arc<StreamHealth> {
        &self.health
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take()
            && stop.send(()).is_err()
        {
            tracing::debug!("user data worker already stopped");
        }
        if let Err(err) = self.task.await {
            tracing::warn!(%err, "user data worker ended abnormally");
        }
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

struct UserWorker {
    config: UserDataConfig,
    rest: RestClient,
    health: Arc<StreamHealth>,
    items: mpsc::Sender<UserStreamItem>,
    stop: oneshot::Receiver<()>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Continue,
    Reconnect,
    Stop,
}

impl UserWorker {
    async fn run(mut self) {
        let mut backoff = Backoff::new(self.config.backoff_min, self.config.backoff_max);
        loop {
            let end = match tokio_tungstenite::connect_async(self.config.ws_api_url.as_str()).await
            {
                Ok((socket, _)) => self.connected(socket, &mut backoff).await,
                Err(err) => {
                    tracing::warn!(%err, "user data connect failed");
                    End::Reconnect
                }
            };
            if end == End::Stop || self.emit(UserStreamItem::Disconnected).await == End::Stop {
                return;
            }
            let delay = backoff.next_delay();
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                _ = &mut self.stop => return,
            }
        }
    }

    async fn connected(&mut self, mut socket: Socket, backoff: &mut Backoff) -> End {
        self.health.set_connected(true);
        let end = match self.subscribe(&mut socket).await {
            Ok(subscription_id) => {
                backoff.reset();
                let connection = self.health.connection_count();
                match self
                    .emit(UserStreamItem::Subscribed {
                        subscription_id,
                        connection,
                    })
                    .await
                {
                    End::Stop => End::Stop,
                    End::Continue | End::Reconnect => self.pump(&mut socket).await,
                }
            }
            Err(err) => match self.subscribe_failed(err).await {
                End::Stop => End::Stop,
                End::Continue | End::Reconnect => End::Reconnect,
            },
        };
        self.health.set_connected(false);
        if socket.close(None).await.is_err() {
            tracing::debug!("user data socket already closed");
        }
        end
    }

    async fn subscribe(&mut self, socket: &mut Socket) -> Result<i64, BinanceError> {
        let id = format!("uds-{}", self.health.connection_count());
        let request = subscribe_request(
            &id,
            &self.config.credentials,
            self.rest.time_sync().server_now_ms(),
            self.config.recv_window_ms,
        );
        let ws_err = |e: tokio_tungstenite::tungstenite::Error| BinanceError::WebSocket {
            detail: e.to_string(),
        };
        socket
            .send(Message::Text(request.to_string().into()))
            .await
            .map_err(ws_err)?;
        for _ in 0..64 {
            match socket.next().await {
                Some(Ok(Message::Text(text))) if is_response_to(text.as_str(), &id) => {
                    return parse_subscribe_response(text.as_str());
                }
                Some(Ok(Message::Ping(payload))) => {
                    socket.send(Message::Pong(payload)).await.map_err(ws_err)?;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(ws_err(e)),
                None => break,
            }
        }
        Err(BinanceError::WebSocket {
            detail: "no reply to userDataStream.subscribe.signature".into(),
        })
    }

    async fn pump(&mut self, socket: &mut Socket) -> End {
        let rotation = tokio::time::sleep(self.config.rotate_after);
        tokio::pin!(rotation);
        loop {
            let frame = tokio::select! {
                () = &mut rotation => return End::Reconnect,
                _ = &mut self.stop => return End::Stop,
                frame = socket.next() => frame,
            };
            match frame {
                Some(Ok(Message::Text(text))) => match self.on_text(text.as_str()).await {
                    End::Continue => {}
                    other => return other,
                },
                Some(Ok(Message::Ping(payload))) => {
                    if socket.send(Message::Pong(payload)).await.is_err() {
                        return End::Reconnect;
                    }
                }
                Some(Ok(Message::Close(_)) | Err(_)) | None => return End::Reconnect,
                Some(Ok(_)) => {}
            }
        }
    }

    async fn on_text(&mut self, text: &str) -> End {
        match parse_user_event_text(text) {
            Ok(event) => {
                self.health.record_event(USER_DATA_STREAM_NAME);
                self.emit(UserStreamItem::Event(event)).await
            }
            Err(err) => {
                tracing::warn!(%err, "undecodable user data frame");
                End::Continue
            }
        }
    }

    async fn subscribe_failed(&self, err: BinanceError) -> End {
        if err.is_clock()
            && let Err(sync_err) = self.rest.sync_time().await
        {
            tracing::warn!(%sync_err, "time re-measure after user data -1021 failed");
        }
        self.emit(UserStreamItem::SubscribeFailed(err)).await
    }

    async fn emit(&self, item: UserStreamItem) -> End {
        match self.items.send(item).await {
            Ok(()) => End::Continue,
            Err(_) => End::Stop,
        }
    }
}
