use crate::streams::backoff::Backoff;
use crate::streams::events::{MarketEvent, StreamMessage, parse_combined};
use crate::streams::health::StreamHealth;
use futures_util::{SinkExt, StreamExt};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

pub const BINANCE_CONNECTION_MAX_LIFETIME: Duration = Duration::from_hours(24);
pub const CONNECTION_ROTATE_AFTER: Duration = Duration::from_mins(23 * 60 + 50);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamConfig {
    pub ws_url: String,
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    pub rotate_after: Duration,
    pub channel_capacity: usize,
}

impl StreamConfig {
    pub fn new(ws_url: &str) -> Self {
        Self {
            ws_url: ws_url.trim_end_matches('/').to_owned(),
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            rotate_after: CONNECTION_ROTATE_AFTER,
            channel_capacity: 4096,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamCommand {
    Subscribe(Vec<String>),
    Unsubscribe(Vec<String>),
    Shutdown,
}

#[derive(Debug)]
pub struct MarketStreams {
    commands: mpsc::UnboundedSender<StreamCommand>,
    health: Arc<StreamHealth>,
    task: JoinHandle<()>,
}

impl MarketStreams {
    pub fn spawn(
        config: StreamConfig,
        streams: &[String],
    ) -> (Self, mpsc::Receiver<StreamMessage>) {
        crate::install_crypto_provider();
        let (commands, command_rx) = mpsc::unbounded_channel();
        let (event_tx, event_rx) = mpsc::channel(config.channel_capacity.max(1));
        let health = Arc::new(StreamHealth::default());
        let subscribed: BTreeSet<String> = streams.iter().cloned().collect();
        for stream in &subscribed {
            health.watch(stream);
        }
        let worker = StreamWorker {
            config,
            subscribed,
            health: Arc::clone(&health),
            commands: command_rx,
            events: event_tx,
            request_id: 0,
        };
        let task = tokio::spawn(worker.run());
        (
            Self {
                commands,
                health,
                task,
            },
            event_rx,
        )
    }

    pub fn health(&self) -> &Arc<StreamHealth> {
        &self.health
    }

    pub fn subscribe(&self, streams: Vec<String>) -> bool {
        self.commands
            .send(StreamCommand::Subscribe(streams))
            .is_ok()
    }

    pub fn unsubscribe(&self, streams: Vec<String>) -> bool {
        self.commands
            .send(StreamCommand::Unsubscribe(streams))
            .is_ok()
    }

    pub async fn shutdown(self) {
        if self.commands.send(StreamCommand::Shutdown).is_err() {
            tracing::debug!("stream worker already stopped");
        }
        if let Err(err) = self.task.await {
            tracing::warn!(%err, "stream worker ended abnormally");
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionEnd {
    Reconnect,
    Stop,
}

struct StreamWorker {
    config: StreamConfig,
    subscribed: BTreeSet<String>,
    health: Arc<StreamHealth>,
    commands: mpsc::UnboundedReceiver<StreamCommand>,
    events: mpsc::Sender<StreamMessage>,
    request_id: u64,
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

impl StreamWorker {
    async fn run(mut self) {
        let mut backoff = Backoff::new(self.config.backoff_min, self.config.backoff_max);
        loop {
            match tokio_tungstenite::connect_async(self.url()).await {
                Ok((socket, _)) => {
                    backoff.reset();
                    self.health.set_connected(true);
                    let end = self.session(socket).await;
                    self.health.set_connected(false);
                    if end == SessionEnd::Stop {
                        return;
                    }
                }
                Err(err) => tracing::warn!(%err, "market stream connect failed"),
            }
            let delay = backoff.next_delay();
            if self.wait_or_stop(delay).await == SessionEnd::Stop {
                return;
            }
        }
    }

    fn url(&self) -> String {
        let joined = self
            .subscribed
            .iter()
            .cloned()
            .collect::<Vec<_>>()
            .join("/");
        format!("{}/stream?streams={joined}", self.config.ws_url)
    }

    async fn wait_or_stop(&mut self, delay: Duration) -> SessionEnd {
        let sleep = tokio::time::sleep(delay);
        tokio::pin!(sleep);
        loop {
            tokio::select! {
                () = &mut sleep => return SessionEnd::Reconnect,
                command = self.commands.recv() => match command {
                    None | Some(StreamCommand::Shutdown) => return SessionEnd::Stop,
                    Some(other) => self.remember(&other),
                },
            }
        }
    }

    fn remember(&mut self, command: &StreamCommand) {
        match command {
            StreamCommand::Subscribe(streams) => {
                for stream in streams {
                    self.health.watch(stream);
                    self.subscribed.insert(stream.clone());
                }
            }
            StreamCommand::Unsubscribe(streams) => {
                for stream in streams {
                    self.health.forget(stream);
                    self.subscribed.remove(stream);
                }
            }
            StreamCommand::Shutdown => {}
        }
    }

    async fn session(&mut self, mut socket: Socket) -> SessionEnd {
        let rotation = tokio::time::sleep(self.config.rotate_after);
        tokio::pin!(rotation);
        loop {
            let end = tokio::select! {
                () = &mut rotation => Some(SessionEnd::Reconnect),
                frame = socket.next() => self.on_frame(&mut socket, frame).await,
                command = self.commands.recv() => self.on_command(&mut socket, command).await,
            };
            if let Some(end) = end {
                if socket.close(None).await.is_err() {
                    tracing::debug!("socket already closed");
                }
                return end;
            }
        }
    }

    async fn on_frame(
        &mut self,
        socket: &mut Socket,
        frame: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    ) -> Option<SessionEnd> {
        match frame {
            Some(Ok(Message::Text(text))) => self.on_text(text.as_str()).await,
            Some(Ok(Message::Ping(payload))) => socket
                .send(Message::Pong(payload))
                .await
                .err()
                .map(|_| SessionEnd::Reconnect),
            Some(Ok(Message::Close(_)) | Err(_)) | None => Some(SessionEnd::Reconnect),
            Some(Ok(_)) => None,
        }
    }

    async fn on_text(&mut self, text: &str) -> Option<SessionEnd> {
        let Ok(message) = parse_combined(text) else {
            tracing::debug!(text, "non-event stream frame");
            return None;
        };
        if message.event == MarketEvent::ServerShutdown {
            return Some(SessionEnd::Reconnect);
        }
        self.health.record_event(&message.stream);
        match self.events.send(message).await {
            Ok(()) => None,
            Err(_) => Some(SessionEnd::Stop),
        }
    }

    async fn on_command(
        &mut self,
        socket: &mut Socket,
        command: Option<StreamCommand>,
    ) -> Option<SessionEnd> {
        let command = match command {
            None | Some(StreamCommand::Shutdown) => return Some(SessionEnd::Stop),
            Some(command) => command,
        };
        self.remember(&command);
        let (method, params) = match command {
            StreamCommand::Subscribe(streams) => ("SUBSCRIBE", streams),
            StreamCommand::Unsubscribe(streams) => ("UNSUBSCRIBE", streams),
            StreamCommand::Shutdown => return Some(SessionEnd::Stop),
        };
        self.request_id += 1;
        let request =
            serde_json::json!({"method": method, "params": params, "id": self.request_id});
        socket
            .send(Message::Text(request.to_string().into()))
            .await
            .err()
            .map(|_| SessionEnd::Reconnect)
    }
}
