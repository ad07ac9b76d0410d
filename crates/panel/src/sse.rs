use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};

use crate::PanelState;
use crate::summary::{HeaderSummary, load_summary};

pub const SSE_KEEP_ALIVE: Duration = Duration::from_secs(15);
pub const SUMMARY_EVENT: &str = "summary";
pub const STORE_ERROR_EVENT: &str = "store_error";

#[derive(Debug)]
struct Follower {
    state: PanelState,
    last: Option<HeaderSummary>,
    last_error: Option<String>,
    started: bool,
}

impl Follower {
    async fn wait_turn(&mut self) -> bool {
        if !self.started {
            self.started = true;
            return true;
        }
        tokio::select! {
            () = self.state.shutdown.cancelled() => false,
            () = tokio::time::sleep(self.state.poll_interval) => true,
        }
    }

    async fn next_event(&mut self) -> Option<Result<Event, axum::Error>> {
        loop {
            if !self.wait_turn().await {
                return None;
            }
            match load_summary(&self.state).await {
                Ok(summary) if self.last.as_ref() != Some(&summary) => {
                    let event = Event::default().event(SUMMARY_EVENT).json_data(&summary);
                    self.last = Some(summary);
                    self.last_error = None;
                    return Some(event);
                }
                Ok(_) => {}
                Err(error) => {
                    let detail = error.to_string();
                    if self.last_error.as_ref() != Some(&detail) {
                        self.last_error = Some(detail.clone());
                        return Some(Ok(Event::default().event(STORE_ERROR_EVENT).data(detail)));
                    }
                }
            }
        }
    }
}

pub fn summary_stream(state: PanelState) -> impl Stream<Item = Result<Event, axum::Error>> {
    let follower = Follower {
        state,
        last: None,
        last_error: None,
        started: false,
    };
    stream::unfold(follower, |mut follower| async move {
        let event = follower.next_event().await?;
        Some((event, follower))
    })
}

pub async fn events(
    State(state): State<PanelState>,
) -> Sse<impl Stream<Item = Result<Event, axum::Error>>> {
    Sse::new(summary_stream(state)).keep_alive(KeepAlive::new().interval(SSE_KEEP_ALIVE))
}
