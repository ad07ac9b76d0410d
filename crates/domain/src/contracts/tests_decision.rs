use super::fixtures::{
    Case, assert_cases, assert_round_trips, bps, decision, entry_plan, exit_plan, price, qty,
    reason_of,
};
use crate::{
    Decision, EntryKind, EntryPlan, ExitPlan, Fallback, ReasonCode, Score, Side, TrailingMode,
    Validate, canonical_json_text,
};

#[test]
fn valid_decision_passes_and_round_trips() {
    let valid = decision();
    assert_eq!(valid.validate(), Ok(()));
    assert_round_trips(&valid);
    let json = serde_json::to_string(&valid).unwrap();
    assert!(json.contains("\"kind\":{\"MAKER_FIRST\":{\"ttl_ms\":3000}}"));
    assert!(json.contains("\"trailing_mode\":\"VIRTUAL\""));
    assert!(json.contains("\"quantity\":\"0.002\""));
}

const DECISION_CASES: [Case<Decision>; 11] = [
    (
        "hash",
        |d| d.snapshot_hash = "zz".to_owned(),
        ReasonCode::ContractHashInvalid,
    ),
    (
        "side",
        |d| d.side = Side::Sell,
        ReasonCode::ContractSideInvalid,
    ),
    (
        "created",
        |d| d.created_ts_ms = 0,
        ReasonCode::ContractTimestampInvalid,
    ),
    (
        "expiry",
        |d| d.expires_at_ms = d.created_ts_ms,
        ReasonCode::ContractExpiryNotAfterCreation,
    ),
    (
        "score high",
        |d| d.score = Score::from_raw(10_001),
        ReasonCode::ContractScoreOutOfRange,
    ),
    (
        "score low",
        |d| d.score = Score::from_raw(-1),
        ReasonCode::ContractScoreOutOfRange,
    ),
    (
        "quantity",
        |d| d.quantity = qty("0"),
        ReasonCode::ContractQuantityNotPositive,
    ),
    (
        "tp at entry",
        |d| d.exit.take_profit = d.entry.limit_price,
        ReasonCode::ContractTpNotAboveEntry,
    ),
    (
        "sl at entry",
        |d| d.exit.stop_loss = d.entry.limit_price,
        ReasonCode::ContractSlNotBelowEntry,
    ),
    (
        "entry price",
        |d| d.entry.limit_price = price("0"),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "exit atr",
        |d| d.exit.atr = price("0"),
        ReasonCode::ContractAtrNotPositive,
    ),
];

#[test]
fn each_invalid_decision_field_is_refused_with_its_reason() {
    assert_cases(decision, &DECISION_CASES);
}

#[test]
fn maker_first_ttl_must_be_within_bounds() {
    for ttl_ms in [0, 249, 120_001] {
        let plan = EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms },
            ..entry_plan()
        };
        assert_eq!(
            reason_of(&plan),
            ReasonCode::ContractTtlOutOfBounds,
            "{ttl_ms}"
        );
    }
    for ttl_ms in [250, 120_000] {
        let plan = EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms },
            ..entry_plan()
        };
        assert_eq!(plan.validate(), Ok(()));
    }
}

#[test]
fn only_maker_first_has_a_fallback_and_slippage_is_bounded() {
    let ioc = EntryPlan {
        kind: EntryKind::Ioc,
        fallback: Fallback::None,
        ..entry_plan()
    };
    assert_eq!(ioc.validate(), Ok(()));
    let ioc_with_fallback = EntryPlan {
        fallback: Fallback::Market,
        ..ioc.clone()
    };
    assert_eq!(
        reason_of(&ioc_with_fallback),
        ReasonCode::ContractFallbackInvalid
    );
    let market = EntryPlan {
        kind: EntryKind::Market,
        fallback: Fallback::Ioc,
        ..entry_plan()
    };
    assert_eq!(reason_of(&market), ReasonCode::ContractFallbackInvalid);
    for bad in ["-1", "500.01"] {
        let plan = EntryPlan {
            max_slippage_bps: bps(bad),
            ..entry_plan()
        };
        assert_eq!(
            reason_of(&plan),
            ReasonCode::ContractSlippageOutOfRange,
            "{bad}"
        );
    }
}

const EXIT_PLAN_CASES: [Case<ExitPlan>; 6] = [
    (
        "tp",
        |e| e.take_profit = price("0"),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "sl",
        |e| e.stop_loss = price("0"),
        ReasonCode::ContractPriceNotPositive,
    ),
    (
        "multiple",
        |e| e.sl_atr_multiple = bps("0"),
        ReasonCode::ContractAtrNotPositive,
    ),
    (
        "inverted",
        |e| e.take_profit = price("26000"),
        ReasonCode::ContractTpNotAboveEntry,
    ),
    (
        "no delta",
        |e| e.trailing_delta_bips = None,
        ReasonCode::ContractTrailingDeltaOutOfRange,
    ),
    (
        "off with delta",
        |e| e.trailing_mode = TrailingMode::Off,
        ReasonCode::ContractTrailingDeltaOutOfRange,
    ),
];

#[test]
fn exit_plan_fields_are_checked() {
    assert_cases(exit_plan, &EXIT_PLAN_CASES);
    for delta in [9, 2_001] {
        let native = ExitPlan {
            trailing_mode: TrailingMode::Native,
            trailing_delta_bips: Some(delta),
            ..exit_plan()
        };
        assert_eq!(
            reason_of(&native),
            ReasonCode::ContractTrailingDeltaOutOfRange,
            "{delta}"
        );
    }
    let off = ExitPlan {
        trailing_mode: TrailingMode::Off,
        trailing_delta_bips: None,
        ..exit_plan()
    };
    assert_eq!(off.validate(), Ok(()));
}

#[test]
fn a_persisted_decision_never_carries_auto_trailing() {
    let json = serde_json::to_string(&decision())
        .unwrap()
        .replace("\"VIRTUAL\"", "\"AUTO\"");
    assert!(serde_json::from_str::<Decision>(&json).is_err());
    assert!(serde_json::from_str::<TrailingMode>("\"AUTO\"").is_err());
}

#[test]
fn decision_hash_is_pinned_and_independent_of_key_order() {
    let valid = decision();
    let hash = valid.decision_hash().unwrap();
    assert_eq!(hash, PINNED_DECISION_HASH);
    let pretty = serde_json::to_string_pretty(&valid).unwrap();
    let reparsed: Decision = serde_json::from_str(&pretty).unwrap();
    assert_eq!(reparsed.decision_hash().unwrap(), hash);
    let canonical = crate::canonical_json(&valid).unwrap();
    assert_eq!(canonical_json_text(&pretty).unwrap(), canonical);
    let mut changed = decision();
    changed.quantity = qty("0.003");
    assert_ne!(changed.decision_hash().unwrap(), hash);
}

const PINNED_DECISION_HASH: &str =
    "77b8a6644fa3c4aaa1badee1e37a44bcfbd69e9360b1012936666dc8dc2a0508";
