#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

use livespot_domain::{
    DecisionId, FixedClock, IntentKind, OrderIntent, OrderIntentId, Price, Quantity, ReasonCode,
    Side, SignedIntent, Symbol,
};
use livespot_ipc::{
    FileNonceStore, IntentRefusal, IntentVerifier, MemoryNonceStore, NonceStore, SecretKey,
    fresh_intent_nonce, sign_intent,
};

const NOW: i64 = 1_764_000_010_000;
const CREATED: i64 = NOW - 500;
const EXPIRES: i64 = NOW + 5_000;

fn exit_intent() -> OrderIntent {
    OrderIntent {
        order_intent_id: OrderIntentId::new("oi-7").unwrap(),
        decision_id: DecisionId::new("dec-7").unwrap(),
        symbol: Symbol::new("BTCUSDT").unwrap(),
        side: Side::Sell,
        kind: IntentKind::Exit,
        quantity: Quantity::parse("0.002").unwrap(),
        limit_price: Some(Price::parse("27000.10").unwrap()),
        entry_plan: None,
        exit_plan: None,
        reduce_only: true,
        created_ts_ms: CREATED,
    }
}

fn key() -> SecretKey {
    SecretKey::from_bytes([0x42; 32])
}

fn signed(nonce: &str, expires_at_ms: i64) -> SignedIntent {
    sign_intent(exit_intent(), &key(), nonce.to_owned(), expires_at_ms).unwrap()
}

fn verifier_at(now_ms: i64) -> IntentVerifier<FixedClock, MemoryNonceStore> {
    IntentVerifier::new(key(), FixedClock::new(now_ms), MemoryNonceStore::new())
}

fn refusal_code<C, N>(verifier: &mut IntentVerifier<C, N>, intent: &SignedIntent) -> ReasonCode
where
    C: livespot_domain::Clock,
    N: NonceStore,
{
    verifier.verify(intent).unwrap_err().reason_code()
}

#[test]
fn correctly_signed_fresh_intent_is_accepted() {
    let intent = signed(&fresh_intent_nonce(), EXPIRES);
    assert_eq!(intent.mac.len(), 64);
    verifier_at(NOW).verify(&intent).unwrap();
}

#[test]
fn bad_mac_is_refused_with_its_code() {
    let mut tampered = signed("n-1", EXPIRES);
    tampered.intent.quantity = Quantity::parse("2").unwrap();
    assert_eq!(
        refusal_code(&mut verifier_at(NOW), &tampered),
        ReasonCode::IntentBadSignature
    );
    let other_key = sign_intent(
        exit_intent(),
        &SecretKey::from_bytes([1; 32]),
        "n-2".into(),
        EXPIRES,
    )
    .unwrap();
    assert_eq!(
        refusal_code(&mut verifier_at(NOW), &other_key),
        ReasonCode::IntentBadSignature
    );
    let mut garbled = signed("n-3", EXPIRES);
    garbled.mac = "not-hex".to_owned();
    assert_eq!(
        refusal_code(&mut verifier_at(NOW), &garbled),
        ReasonCode::IntentBadSignature
    );
    let mut moved_expiry = signed("n-4", EXPIRES);
    moved_expiry.expires_at_ms += 1;
    assert_eq!(
        refusal_code(&mut verifier_at(NOW), &moved_expiry),
        ReasonCode::IntentBadSignature
    );
}

#[test]
fn expired_intent_is_refused_against_the_injected_clock() {
    let intent = signed("n-5", EXPIRES);
    assert_eq!(
        refusal_code(&mut verifier_at(EXPIRES), &intent),
        ReasonCode::IntentExpired
    );
    assert_eq!(
        refusal_code(&mut verifier_at(EXPIRES + 1), &intent),
        ReasonCode::IntentExpired
    );
    verifier_at(EXPIRES - 1).verify(&intent).unwrap();
}

#[test]
fn expiry_beyond_the_maximum_ttl_is_refused() {
    let intent = signed("n-6", NOW + 10_000);
    let mut verifier = verifier_at(NOW).with_max_ttl_ms(5_000);
    let refusal = verifier.verify(&intent).unwrap_err();
    assert!(matches!(refusal, IntentRefusal::ExpiryTooFar { .. }));
    assert_eq!(refusal.reason_code(), ReasonCode::IntentExpired);
}

#[test]
fn replayed_nonce_is_refused() {
    let mut verifier = verifier_at(NOW);
    let intent = signed("n-7", EXPIRES);
    verifier.verify(&intent).unwrap();
    assert_eq!(
        refusal_code(&mut verifier, &intent),
        ReasonCode::IntentNonceReplay
    );
}

#[test]
fn contract_invalid_intent_is_refused_even_when_correctly_signed() {
    let mut wrong_side = exit_intent();
    wrong_side.side = Side::Buy;
    let intent = sign_intent(wrong_side, &key(), "n-8".into(), EXPIRES).unwrap();
    let refusal = verifier_at(NOW).verify(&intent).unwrap_err();
    assert_eq!(refusal.reason_code(), ReasonCode::IntentContractInvalid);
    let IntentRefusal::ContractInvalid(violation) = refusal else {
        panic!("expected a contract violation");
    };
    assert_eq!(violation.reason, ReasonCode::ContractSideInvalid);
    let bad_nonce = signed("has space", EXPIRES);
    assert_eq!(
        refusal_code(&mut verifier_at(NOW), &bad_nonce),
        ReasonCode::IntentContractInvalid
    );
}

#[test]
fn refused_intents_do_not_burn_their_nonce() {
    let mut verifier = verifier_at(NOW);
    let mut tampered = signed("n-9", EXPIRES);
    tampered.mac = signed("other", EXPIRES).mac;
    assert_eq!(
        refusal_code(&mut verifier, &tampered),
        ReasonCode::IntentBadSignature
    );
    assert!(verifier.nonces().is_empty());
    verifier.verify(&signed("n-9", EXPIRES)).unwrap();
}

#[test]
fn replay_is_refused_after_reopening_the_file_backed_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intent-nonces.log");
    let intent = signed("n-10", EXPIRES);
    {
        let store = FileNonceStore::open(&path).unwrap();
        let mut verifier = IntentVerifier::new(key(), FixedClock::new(NOW), store);
        verifier.verify(&intent).unwrap();
    }
    let reopened = FileNonceStore::open(&path).unwrap();
    assert_eq!(reopened.remembered(), 1);
    let mut verifier = IntentVerifier::new(key(), FixedClock::new(NOW + 1), reopened);
    assert_eq!(
        refusal_code(&mut verifier, &intent),
        ReasonCode::IntentNonceReplay
    );
    verifier.verify(&signed("n-11", EXPIRES)).unwrap();
}

#[test]
fn torn_last_line_of_the_nonce_file_does_not_swallow_the_next_nonce() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intent-nonces.log");
    std::fs::write(&path, format!("n-12 {EXPIRES}\nn-1")).unwrap();
    {
        let mut store = FileNonceStore::open(&path).unwrap();
        assert!(store.remember("n-13", EXPIRES, NOW).unwrap());
    }
    let mut reopened = FileNonceStore::open(&path).unwrap();
    assert!(!reopened.remember("n-12", EXPIRES, NOW).unwrap());
    assert!(!reopened.remember("n-13", EXPIRES, NOW).unwrap());
}

#[test]
fn signing_bytes_are_stable_for_equal_inputs() {
    let first = signed("n-14", EXPIRES);
    let second = signed("n-14", EXPIRES);
    assert_eq!(first.mac, second.mac);
    assert_ne!(first.mac, signed("n-15", EXPIRES).mac);
}

#[test]
fn signature_still_verifies_after_crossing_ipc_as_an_envelope() {
    let intent = signed(&fresh_intent_nonce(), EXPIRES);
    let envelope = livespot_ipc::Envelope::new(
        livespot_domain::ProcessRole::Risk,
        1,
        NOW,
        livespot_domain::CorrelationIds::default(),
        livespot_ipc::Payload::SignedIntent(intent.clone()),
    );
    let decoded = livespot_ipc::Envelope::decode(&envelope.encode().unwrap()).unwrap();
    let livespot_ipc::Payload::SignedIntent(received) = decoded.payload else {
        panic!("payload kind changed in transit");
    };
    assert_eq!(received, intent);
    verifier_at(NOW).verify(&received).unwrap();
}

#[test]
fn decimals_cross_ipc_as_their_exact_strings() {
    let envelope = livespot_ipc::Envelope::new(
        livespot_domain::ProcessRole::Risk,
        1,
        NOW,
        livespot_domain::CorrelationIds::default(),
        livespot_ipc::Payload::SignedIntent(signed("n-16", EXPIRES)),
    );
    let bytes = envelope.encode().unwrap();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|window| window == needle);
    assert!(
        contains(b"27000.10"),
        "limit price travels as its decimal string"
    );
    assert!(contains(b"0.002"), "quantity travels as its decimal string");
}
