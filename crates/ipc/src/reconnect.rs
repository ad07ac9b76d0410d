use std::time::Duration;

use rand::Rng;

use crate::connection::Connection;
use crate::connector::connect;
use crate::endpoint::Endpoint;
use crate::error::IpcError;
use crate::limits::IpcLimits;
use crate::run_keys::RunKeys;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub initial_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 20,
            initial_delay: Duration::from_millis(25),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    pub fn delay_before(&self, attempt: u32) -> Duration {
        let doubled = self
            .initial_delay
            .saturating_mul(1_u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX));
        let capped = doubled.min(self.max_delay);
        let half = capped / 2;
        let jitter_ms = rand::rng().random_range(0..=u64::try_from(half.as_millis()).unwrap_or(0));
        half + Duration::from_millis(jitter_ms)
    }
}

fn worth_retrying(error: &IpcError) -> bool {
    matches!(
        error,
        IpcError::ConnectFailed(_)
            | IpcError::RunDirFailed(_)
            | IpcError::ReadFailed(_)
            | IpcError::WriteFailed(_)
    )
}

pub async fn connect_with_retry(
    endpoint: &Endpoint,
    keys: &RunKeys,
    limits: IpcLimits,
    policy: RetryPolicy,
) -> Result<Connection, IpcError> {
    let mut attempt = 0;
    loop {
        match connect(endpoint, keys, limits).await {
            Ok(connection) => return Ok(connection),
            Err(error) if worth_retrying(&error) && attempt + 1 < policy.attempts => {
                tracing::debug!(reason = error.reason_code().as_str(), attempt, %error, "retrying IPC connect");
                tokio::time::sleep(policy.delay_before(attempt)).await;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_stay_capped_with_jitter_inside_bounds() {
        let policy = RetryPolicy {
            attempts: 10,
            initial_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(80),
        };
        for attempt in 0..40 {
            let ceiling = Duration::from_millis(10)
                .saturating_mul(1_u32 << attempt.min(16))
                .min(Duration::from_millis(80));
            let delay = policy.delay_before(attempt);
            assert!(
                delay >= ceiling / 2 && delay <= ceiling,
                "{attempt}: {delay:?}"
            );
        }
    }
}
