use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::{broadcast, watch};

use crate::engine::{Engine, UserEvent};
use crate::market_event::MarketEvent;

#[derive(Debug)]
pub struct Shared {
    engine: Mutex<Engine>,
    pub market_tx: broadcast::Sender<MarketEvent>,
    pub user_tx: broadcast::Sender<UserEvent>,
    pub disconnect: watch::Sender<u64>,
    pub ping_every: Duration,
}

impl Shared {
    pub fn new(
        engine: Engine,
        market_tx: broadcast::Sender<MarketEvent>,
        user_tx: broadcast::Sender<UserEvent>,
        ping_every: Duration,
    ) -> Self {
        let (disconnect, _) = watch::channel(0);
        Self {
            engine: Mutex::new(engine),
            market_tx,
            user_tx,
            disconnect,
            ping_every,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Engine> {
        self.engine.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn pong_timeout(&self) -> Duration {
        self.ping_every * 3
    }

    pub fn disconnect_streams(&self) {
        self.disconnect.send_modify(|generation| *generation += 1);
    }
}
