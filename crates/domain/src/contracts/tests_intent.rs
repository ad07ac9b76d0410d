use super::fixtures::{
    Case, T0, assert_cases, assert_round_trips, exit_intent, exit_plan, order_intent, price, qty,
    reason_of, signed_intent,
};
use crate::{EntryKind, IntentKind, OrderIntent, ReasonCode, Side, SignedIntent, Validate};

#[test]
fn valid_intents_pass_and_round_trip() {
    for intent in [order_intent(), exit_intent()] {
        assert_eq!(intent.validate(), Ok(()));
        assert_round_trips(&intent);
    }
    let protect = OrderIntent {
        kind: IntentKind::Protect,
        exit_plan: Some(exit_plan()),
        ..exit_intent()
    };
    assert_eq!(protect.validate(), Ok(()));
    let signed = signed_intent();
    assert_eq!(signed.validate(), Ok(()));
    assert_round_trips(&signed);
}

const ENTRY_INTENT_CASES: [Case<OrderIntent>; 10] = [
    (
        "created",
        |i| i.created_ts_ms = 0,
        ReasonCode::ContractTimestampInvalid,
    ),
    (
        "quantity",
        |i| i.quantity = qty("0"),
        ReasonCode::ContractQuantityNotPositive,
    ),
    (
        "limit",
        |i| i.limit_price = Some(price("0")),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "side",
        |i| i.side = Side::Sell,
        ReasonCode::ContractSideInvalid,
    ),
    (
        "reduce only",
        |i| i.reduce_only = true,
        ReasonCode::ContractReduceOnlyMismatch,
    ),
    (
        "no entry plan",
        |i| i.entry_plan = None,
        ReasonCode::ContractPlanMissing,
    ),
    (
        "no exit plan",
        |i| i.exit_plan = None,
        ReasonCode::ContractPlanMissing,
    ),
    (
        "no limit",
        |i| i.limit_price = None,
        ReasonCode::ContractFieldEmpty,
    ),
    (
        "tp below entry",
        |i| {
            if let Some(exit) = i.exit_plan.as_mut() {
                exit.take_profit = price("26990");
                exit.stop_loss = price("26900");
            }
        },
        ReasonCode::ContractTpNotAboveEntry,
    ),
    (
        "bad ttl",
        |i| {
            if let Some(entry) = i.entry_plan.as_mut() {
                entry.kind = EntryKind::MakerFirst { ttl_ms: 0 };
            }
        },
        ReasonCode::ContractTtlOutOfBounds,
    ),
];

#[test]
fn each_invalid_entry_intent_field_is_refused_with_its_reason() {
    assert_cases(order_intent, &ENTRY_INTENT_CASES);
}

#[test]
fn sl_above_entry_is_refused_and_market_entries_need_no_limit() {
    let mut candidate = order_intent();
    if let Some(exit) = candidate.exit_plan.as_mut() {
        exit.stop_loss = price("27100");
    }
    assert_eq!(reason_of(&candidate), ReasonCode::ContractSlNotBelowEntry);
    let mut market = order_intent();
    market.limit_price = None;
    if let Some(entry) = market.entry_plan.as_mut() {
        entry.kind = EntryKind::Market;
        entry.fallback = crate::Fallback::None;
    }
    assert_eq!(market.validate(), Ok(()));
}

const EXIT_INTENT_CASES: [Case<OrderIntent>; 4] = [
    (
        "buy exit",
        |i| i.side = Side::Buy,
        ReasonCode::ContractSideInvalid,
    ),
    (
        "not reduce only",
        |i| i.reduce_only = false,
        ReasonCode::ContractReduceOnlyMismatch,
    ),
    (
        "entry plan",
        |i| i.entry_plan = order_intent().entry_plan,
        ReasonCode::ContractPlanUnexpected,
    ),
    (
        "protect without plan",
        |i| i.kind = IntentKind::Protect,
        ReasonCode::ContractPlanMissing,
    ),
];

#[test]
fn exits_and_protections_are_reduce_only_sells() {
    assert_cases(exit_intent, &EXIT_INTENT_CASES);
}

const SIGNED_INTENT_CASES: [Case<SignedIntent>; 7] = [
    (
        "intent",
        |s| s.intent.quantity = qty("0"),
        ReasonCode::ContractQuantityNotPositive,
    ),
    (
        "empty nonce",
        |s| s.nonce.clear(),
        ReasonCode::ContractNonceInvalid,
    ),
    (
        "long nonce",
        |s| s.nonce = "a".repeat(65),
        ReasonCode::ContractNonceInvalid,
    ),
    (
        "odd nonce",
        |s| s.nonce = "a b".to_owned(),
        ReasonCode::ContractNonceInvalid,
    ),
    (
        "expiry",
        |s| s.expires_at_ms = T0 + 1_000,
        ReasonCode::ContractExpiryNotAfterCreation,
    ),
    (
        "mac short",
        |s| s.mac = "abcd".to_owned(),
        ReasonCode::ContractMacInvalid,
    ),
    (
        "mac upper",
        |s| s.mac = s.mac.to_uppercase(),
        ReasonCode::ContractMacInvalid,
    ),
];

#[test]
fn each_invalid_signed_intent_field_is_refused_with_its_reason() {
    assert_cases(signed_intent, &SIGNED_INTENT_CASES);
    let mut nested = signed_intent();
    nested.intent.side = Side::Sell;
    assert_eq!(nested.validate().unwrap_err().field, "intent.side");
}
