use super::*;
use crate::rest::enums::RateLimitInterval;

fn weight_limit(limit: u64) -> RateLimit {
    RateLimit {
        rate_limit_type: RateLimitType::RequestWeight,
        interval: RateLimitInterval::Minute,
        interval_num: 1,
        limit,
        count: None,
    }
}

#[test]
fn usage_headers_are_tracked_and_visible_in_snapshot() {
    let limiter = RateLimiter::new(90);
    limiter.set_limits(&[weight_limit(6000)]);
    limiter.observe_header("X-MBX-USED-WEIGHT-1M", "123");
    limiter.observe_header("x-mbx-order-count-10s", "4");
    let snap = limiter.snapshot();
    assert_eq!(
        snap.weight,
        vec![UsageEntry {
            window: "1m".into(),
            used: 123,
            limit: Some(6000)
        }]
    );
    assert_eq!(
        snap.orders,
        vec![UsageEntry {
            window: "10s".into(),
            used: 4,
            limit: None
        }]
    );
}

#[test]
fn request_is_held_back_before_the_limit_is_reached() {
    let limiter = RateLimiter::new(90);
    limiter.set_limits(&[weight_limit(100)]);
    limiter.observe_header("x-mbx-used-weight-1m", "85");
    assert_eq!(limiter.admit(1, false), Admission::Go);
    assert!(matches!(limiter.admit(10, false), Admission::WaitFor(_)));
}

#[test]
fn too_many_requests_holds_every_request_for_retry_after() {
    let limiter = RateLimiter::new(90);
    limiter.on_too_many_requests(Duration::from_secs(30));
    let Admission::WaitFor(wait) = limiter.admit(1, false) else {
        panic!("expected a wait");
    };
    assert!(wait > Duration::from_secs(29));
    assert!(limiter.snapshot().backoff_remaining_ms > 29_000);
}

#[test]
fn ban_refuses_every_request_until_it_ends() {
    let limiter = RateLimiter::new(90);
    let until = limiter.on_banned(Duration::from_mins(2));
    assert_eq!(
        limiter.admit(1, false),
        Admission::Banned { until_ms: until }
    );
    assert_eq!(
        limiter.admit(0, true),
        Admission::Banned { until_ms: until }
    );
    assert_eq!(limiter.snapshot().banned_until_ms, Some(until));
}

#[test]
fn expired_ban_lets_requests_through() {
    let limiter = RateLimiter::new(90);
    limiter.on_banned(Duration::ZERO);
    assert_eq!(limiter.admit(1, false), Admission::Go);
}

#[test]
fn raw_request_limit_from_exchange_info_is_counted_locally_and_holds_back() {
    let limiter = RateLimiter::new(100);
    limiter.set_limits(&[RateLimit {
        rate_limit_type: RateLimitType::RawRequests,
        interval: RateLimitInterval::Day,
        interval_num: 1,
        limit: 3,
        count: None,
    }]);
    for _ in 0..3 {
        assert_eq!(limiter.admit(1, false), Admission::Go);
    }
    assert!(matches!(limiter.admit(1, false), Admission::WaitFor(_)));
    let snap = limiter.snapshot();
    assert_eq!(
        snap.raw_requests,
        vec![UsageEntry {
            window: "1d".into(),
            used: 3,
            limit: Some(3)
        }]
    );
}
