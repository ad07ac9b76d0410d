use std::sync::Arc;

use livespot_domain::FixedClock;
use livespot_ipc::{MemoryNonceStore, SecretKey, fresh_intent_nonce, sign_intent};
use rust_decimal_macros::dec;

use super::*;
use crate::sample_entry_intent;

const NOW: i64 = 1_700_000_000_000;

#[derive(Debug)]
struct SharedClock(Arc<FixedClock>);

impl Clock for SharedClock {
    fn now_ms(&self) -> i64 {
        self.0.now_ms()
    }
}

fn intake(key: &SecretKey) -> (Intake<SharedClock, MemoryNonceStore>, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(NOW));
    let verifier = IntentVerifier::new(
        key.clone(),
        SharedClock(Arc::clone(&clock)),
        MemoryNonceStore::new(),
    );
    let caps = HardCaps {
        max_notional_per_order: dec!(100),
        allowed_symbols: vec!["BTCUSDT".to_owned()],
        max_open_orders: 5,
    };
    (Intake::new(verifier, caps), clock)
}

fn signed(key: &SecretKey, quantity: &str, expires_at_ms: i64) -> SignedIntent {
    let intent = sample_entry_intent("oi-1", "BTCUSDT", quantity, NOW - 10).unwrap();
    sign_intent(intent, key, fresh_intent_nonce(), expires_at_ms).unwrap()
}

fn reason(decision: &IntakeDecision) -> ReasonCode {
    match decision {
        IntakeDecision::Refused { reason, .. } => *reason,
        IntakeDecision::Accepted => ReasonCode::AlertRaised,
    }
}

#[test]
fn a_verified_intent_within_the_caps_is_accepted() {
    let key = SecretKey::generate();
    let (mut intake, _) = intake(&key);
    let decision = intake.decide(&signed(&key, "0.001", NOW + 5_000), SysMode::Normal);
    assert_eq!(decision, IntakeDecision::Accepted);
}

#[test]
fn bad_mac_expired_replay_and_over_cap_are_refused_with_their_codes() {
    let key = SecretKey::generate();
    let (mut intake, clock) = intake(&key);
    let forged = signed(&SecretKey::generate(), "0.001", NOW + 5_000);
    assert_eq!(
        reason(&intake.decide(&forged, SysMode::Normal)),
        ReasonCode::IntentBadSignature
    );
    let expired = signed(&key, "0.001", NOW - 1);
    assert_eq!(
        reason(&intake.decide(&expired, SysMode::Normal)),
        ReasonCode::IntentExpired
    );
    let good = signed(&key, "0.001", NOW + 5_000);
    assert_eq!(
        intake.decide(&good, SysMode::Normal),
        IntakeDecision::Accepted
    );
    clock.advance(1);
    assert_eq!(
        reason(&intake.decide(&good, SysMode::Normal)),
        ReasonCode::IntentNonceReplay
    );
    let big = signed(&key, "1", NOW + 5_000);
    assert_eq!(
        reason(&intake.decide(&big, SysMode::Normal)),
        ReasonCode::CapMaxNotional
    );
}

#[test]
fn an_entry_in_degrade_is_refused_after_verification() {
    let key = SecretKey::generate();
    let (mut intake, _) = intake(&key);
    let decision = intake.decide(&signed(&key, "0.001", NOW + 5_000), SysMode::Degrade);
    assert_eq!(reason(&decision), ReasonCode::EntryOutsideNormal);
}

#[test]
fn the_open_order_count_from_the_account_state_feeds_the_cap() {
    let key = SecretKey::generate();
    let (mut intake, _) = intake(&key);
    intake.set_open_orders(5);
    let decision = intake.decide(&signed(&key, "0.001", NOW + 5_000), SysMode::Normal);
    assert_eq!(reason(&decision), ReasonCode::CapMaxOpenOrders);
    intake.set_open_orders(4);
    let decision = intake.decide(&signed(&key, "0.001", NOW + 5_000), SysMode::Normal);
    assert_eq!(decision, IntakeDecision::Accepted);
}
