use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Interval, MissedTickBehavior};

use crate::ExecutionEngine;
use crate::account_state::AccountState;

#[derive(Debug)]
pub struct AccountFeed {
    pub sink: mpsc::Sender<AccountState>,
    pub interval_ms: u64,
}

impl AccountFeed {
    pub(crate) fn timer(&self) -> Interval {
        let mut timer = tokio::time::interval(Duration::from_millis(self.interval_ms.max(1)));
        timer.set_missed_tick_behavior(MissedTickBehavior::Delay);
        timer
    }
}

pub(crate) async fn next_tick(timer: Option<&mut Interval>) {
    match timer {
        Some(timer) => {
            timer.tick().await;
        }
        None => std::future::pending::<()>().await,
    }
}

impl ExecutionEngine {
    pub(crate) async fn publish_account(&self, feed: Option<&AccountFeed>) {
        let Some(feed) = feed else {
            return;
        };
        match self.account_state().await {
            Ok(state) => {
                if feed.sink.try_send(state).is_err() {
                    tracing::debug!(
                        reason = "ACCOUNT_STATE_DROPPED",
                        "account state consumer behind"
                    );
                }
            }
            Err(error) => {
                tracing::warn!(reason = error.reason_code().as_str(), %error, "account state not built");
            }
        }
    }
}
