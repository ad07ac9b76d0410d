use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

use crate::admin;
use crate::clock::{ClockMode, VenueClock};
use crate::engine::Engine;
use crate::error::VenueError;
use crate::exchange::Exchange;
use crate::faults::FaultKind;
use crate::http;
use crate::market;
use crate::market_event::MarketEvent;
use crate::options::{MarketSource, SimOptions};
use crate::state::Shared;

const CHANNEL_CAPACITY: usize = 4_096;
const SHUTDOWN_NOTICE: Duration = Duration::from_millis(100);

#[derive(Debug)]
pub struct SimHandle {
    pub rest_url: String,
    pub ws_url: String,
    pub ws_api_url: String,
    pub admin_url: String,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    shared: Arc<Shared>,
}

impl SimHandle {
    pub fn urls_json(&self) -> String {
        let clock_scale = self.shared.lock().clock.venue_ms_per_wall_ms();
        serde_json::json!({"rest": self.rest_url, "ws": self.ws_url, "ws_api": self.ws_api_url, "admin": self.admin_url, "clock_scale": clock_scale}).to_string()
    }

    pub async fn shutdown(self) {
        let now = self.shared.lock().now();
        if self
            .shared
            .market_tx
            .send(MarketEvent::ServerShutdown { time: now })
            .is_ok()
        {
            tokio::time::sleep(SHUTDOWN_NOTICE).await;
        }
        self.stop.send_replace(true);
        for task in self.tasks {
            task.abort();
            if let Err(error) = task.await {
                tracing::trace!(%error, "venue task ended");
            }
        }
    }
}

async fn bind(port: u16) -> Result<TcpListener, VenueError> {
    TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .map_err(|source| VenueError::Bind { port, source })
}

fn build_engine(options: &SimOptions) -> Result<Engine, VenueError> {
    let exchange = Exchange::load(options.exchange_info.as_deref(), options.limits)?;
    let mode = match options.virtual_clock_start_ms {
        Some(start_ms) => ClockMode::Virtual {
            start_ms,
            tick_ms: i64::try_from(options.tick_ms).unwrap_or(100),
        },
        None if options.clock_scale > 1 => ClockMode::Scaled {
            anchor_ms: crate::clock::system_ms(),
            scale: i64::from(options.clock_scale),
        },
        None => ClockMode::System,
    };
    let clock = VenueClock::new(mode);
    let now = clock.now_ms();
    let markets = match &options.market {
        MarketSource::Synthetic => {
            market::synthetic_with_profile(&exchange, options.seed, options.profile, now)
        }
        MarketSource::Replay(dir) => market::replay(&exchange, dir, options.seed, now)?,
    };
    let (user_tx, _) = broadcast::channel(CHANNEL_CAPACITY);
    let (market_tx, _) = broadcast::channel(CHANNEL_CAPACITY);
    let mut engine = Engine::new(exchange, markets, clock, user_tx, market_tx);
    for spec in &options.accounts {
        let account = admin::account_from_spec(spec)
            .map_err(|detail| VenueError::AccountInvalid { detail })?;
        engine.add_account(account);
    }
    Ok(engine)
}

async fn tick_loop(shared: Arc<Shared>, interval_ms: u64) {
    let period = Duration::from_millis(interval_ms);
    let mut interval = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let mut engine = shared.lock();
        let now = engine.now();
        let stalled = engine.faults.is_active(FaultKind::StreamsStall, now);
        engine.tick(!stalled);
        engine.faults.prune(now);
    }
}

pub async fn spawn(options: SimOptions) -> Result<SimHandle, VenueError> {
    let engine = build_engine(&options)?;
    let market_tx = engine.market_sender();
    let user_tx = engine.user_sender();
    let ping_every = Duration::from_millis(options.ping_interval_ms.max(1));
    let shared = Arc::new(Shared::new(engine, market_tx, user_tx, ping_every));
    let rest = bind(options.port).await?;
    let admin_listener = bind(options.admin_port).await?;
    let rest_addr = rest.local_addr().map_err(|source| VenueError::Bind {
        port: options.port,
        source,
    })?;
    let admin_addr = admin_listener
        .local_addr()
        .map_err(|source| VenueError::Bind {
            port: options.admin_port,
            source,
        })?;
    let (stop, stop_rx) = watch::channel(false);
    let mut admin_stop = stop.subscribe();
    let router = admin::router(Arc::clone(&shared));
    let admin_task = tokio::spawn(async move {
        let served = axum::serve(admin_listener, router)
            .with_graceful_shutdown(async move {
                if admin_stop.changed().await.is_err() {
                    tracing::trace!("admin stop channel closed");
                }
            })
            .await;
        if let Err(error) = served {
            tracing::warn!(%error, "admin server ended");
        }
    });
    let tasks = vec![
        tokio::spawn(http::serve(rest, Arc::clone(&shared), stop_rx)),
        tokio::spawn(tick_loop(Arc::clone(&shared), options.tick_interval_ms())),
        admin_task,
    ];
    Ok(SimHandle {
        rest_url: format!("http://{rest_addr}"),
        ws_url: format!("ws://{rest_addr}"),
        ws_api_url: format!("ws://{rest_addr}/ws-api/v3"),
        admin_url: format!("http://{admin_addr}"),
        stop,
        tasks,
        shared,
    })
}
