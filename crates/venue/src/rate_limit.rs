use crate::api_error::ApiError;
use crate::exchange::Limits;

const MINUTE_MS: i64 = 60_000;
const TEN_SECONDS_MS: i64 = 10_000;
const DAY_MS: i64 = 86_400_000;
const BAN_AFTER_REJECTED: u32 = 5;
const BAN_MS: i64 = 120_000;

#[derive(Debug, Clone, Default)]
pub struct Window {
    pub start: i64,
    pub count: u32,
}

impl Window {
    fn roll(&mut self, now: i64, length: i64) {
        let start = now - now.rem_euclid(length);
        if start != self.start {
            self.start = start;
            self.count = 0;
        }
    }

    fn seconds_left(&self, now: i64, length: i64) -> u64 {
        let left_ms = (self.start + length - now).max(1_000);
        u64::try_from(left_ms / 1_000).unwrap_or(1)
    }
}

#[derive(Debug, Clone, Default)]
pub struct RateState {
    pub weight: Window,
    pub rejected_in_window: u32,
    pub banned_until: Option<i64>,
    pub orders_10s: Window,
    pub orders_day: Window,
}

impl RateState {
    pub fn used_weight(&mut self, now: i64) -> u32 {
        self.weight.roll(now, MINUTE_MS);
        self.weight.count
    }

    pub fn check_ban(&self, now: i64) -> Result<(), ApiError> {
        match self.banned_until {
            Some(until) if now < until => Err(ApiError::new(
                418,
                -1003,
                format!("Way too much request weight used; IP banned until {until}. Please use WebSocket Streams for live updates to avoid bans."),
            )
            .with_retry_after(u64::try_from((until - now) / 1_000).unwrap_or(1).max(1))),
            _ => Ok(()),
        }
    }

    pub fn ban(&mut self, now: i64, ms: i64) {
        self.banned_until = Some(now + ms);
    }

    pub fn charge(&mut self, now: i64, weight: u32, limits: Limits) -> Result<(), ApiError> {
        self.check_ban(now)?;
        self.weight.roll(now, MINUTE_MS);
        if self.weight.count == 0 {
            self.rejected_in_window = 0;
        }
        self.weight.count = self.weight.count.saturating_add(weight);
        if self.weight.count <= limits.weight_per_minute {
            return Ok(());
        }
        self.rejected_in_window += 1;
        if self.rejected_in_window > BAN_AFTER_REJECTED {
            self.ban(now, BAN_MS);
            return self.check_ban(now);
        }
        Err(ApiError::new(
            429,
            -1003,
            format!(
                "Too much request weight used; current limit is {} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
                limits.weight_per_minute
            ),
        )
        .with_retry_after(self.weight.seconds_left(now, MINUTE_MS)))
    }

    pub fn charge_if(
        &mut self,
        charge: bool,
        now: i64,
        weight: u32,
        limits: Limits,
    ) -> Result<(), ApiError> {
        if charge {
            self.charge(now, weight, limits)
        } else {
            Ok(())
        }
    }

    pub fn order_counts(&mut self, now: i64) -> (u32, u32) {
        self.orders_10s.roll(now, TEN_SECONDS_MS);
        self.orders_day.roll(now, DAY_MS);
        (self.orders_10s.count, self.orders_day.count)
    }

    pub fn check_orders(&mut self, now: i64, added: u32, limits: Limits) -> Result<(), ApiError> {
        let (ten, day) = self.order_counts(now);
        if ten + added > limits.orders_per_10s {
            return Err(too_many_orders(limits.orders_per_10s, "10 SECOND")
                .with_retry_after(self.orders_10s.seconds_left(now, TEN_SECONDS_MS)));
        }
        if day + added > limits.orders_per_day {
            return Err(too_many_orders(limits.orders_per_day, "1 DAY")
                .with_retry_after(self.orders_day.seconds_left(now, DAY_MS)));
        }
        Ok(())
    }

    pub fn add_orders(&mut self, now: i64, added: u32) {
        self.order_counts(now);
        self.orders_10s.count += added;
        self.orders_day.count += added;
    }

    pub fn first_fill(&mut self, now: i64) {
        self.order_counts(now);
        self.orders_10s.count = self.orders_10s.count.saturating_sub(1);
        self.orders_day.count = self.orders_day.count.saturating_sub(1);
    }
}

fn too_many_orders(limit: u32, interval: &str) -> ApiError {
    ApiError::new(
        429,
        -1015,
        format!("Too many new orders; current limit is {limit} orders per {interval}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Limits {
        Limits {
            weight_per_minute: 10,
            orders_per_10s: 2,
            orders_per_day: 100,
        }
    }

    #[test]
    fn weight_past_limit_gives_429_then_418() {
        let mut rate = RateState::default();
        let now = 120_000;
        for _ in 0..10 {
            rate.charge(now, 1, small()).unwrap();
        }
        let first = rate.charge(now, 1, small()).unwrap_err();
        assert_eq!((first.status, first.code), (429, -1003));
        assert!(first.retry_after_secs.is_some());
        let statuses: Vec<u16> = (0..10)
            .map(|_| rate.charge(now, 1, small()).unwrap_err().status)
            .collect();
        assert!(statuses.contains(&418));
    }

    #[test]
    fn order_count_limit_gives_1015() {
        let mut rate = RateState::default();
        rate.add_orders(0, 2);
        let err = rate.check_orders(0, 1, small()).unwrap_err();
        assert_eq!((err.status, err.code), (429, -1015));
        rate.first_fill(0);
        assert!(rate.check_orders(0, 1, small()).is_ok());
    }
}
