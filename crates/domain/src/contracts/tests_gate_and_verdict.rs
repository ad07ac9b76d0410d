use super::fixtures::{
    Case, ai_gate_result, assert_cases, assert_round_trips, decision, price, qty, reason_of,
    risk_verdict,
};
use crate::{
    AiGateResult, AiModification, AiVerdict, ReasonCode, RiskOutcome, RiskVerdict, SysMode,
    Validate,
};

fn tighter() -> AiModification {
    AiModification {
        quantity: Some(qty("0.001")),
        take_profit: None,
        stop_loss: Some(price("26900")),
        ..AiModification::default()
    }
}

#[test]
fn valid_gate_results_pass_and_round_trip() {
    let allow = ai_gate_result();
    assert_eq!(allow.validate(), Ok(()));
    assert_round_trips(&allow);
    let modify = AiGateResult {
        verdict: AiVerdict::Modify,
        modification: Some(tighter()),
        ..ai_gate_result()
    };
    assert_eq!(modify.validate(), Ok(()));
    assert_round_trips(&modify);
    let json = serde_json::to_string(&modify).unwrap();
    assert!(json.contains("\"verdict\":\"MODIFY\""));
}

const GATE_CASES: [Case<AiGateResult>; 9] = [
    ("ts", |g| g.ts_ms = -1, ReasonCode::ContractTimestampInvalid),
    (
        "prompt",
        |g| g.prompt_version.clear(),
        ReasonCode::ContractFieldEmpty,
    ),
    (
        "input hash",
        |g| g.input_hash = "abc".to_owned(),
        ReasonCode::ContractHashInvalid,
    ),
    (
        "snapshot hash",
        |g| g.snapshot_hash = g.snapshot_hash.to_uppercase(),
        ReasonCode::ContractHashInvalid,
    ),
    (
        "answer hash",
        |g| g.answer_hash = Some(String::new()),
        ReasonCode::ContractHashInvalid,
    ),
    (
        "block bare",
        |g| g.verdict = AiVerdict::Block,
        ReasonCode::ContractBlockWithoutReason,
    ),
    (
        "error bare",
        |g| g.verdict = AiVerdict::Error,
        ReasonCode::ContractReasonMissing,
    ),
    (
        "modify bare",
        |g| g.verdict = AiVerdict::Modify,
        ReasonCode::ContractModifyWithoutModification,
    ),
    (
        "allow modified",
        |g| g.modification = Some(tighter()),
        ReasonCode::ContractModificationNotAllowed,
    ),
];

#[test]
fn each_invalid_gate_field_is_refused_with_its_reason() {
    assert_cases(ai_gate_result, &GATE_CASES);
}

#[test]
fn modify_with_an_empty_or_bad_modification_is_refused() {
    let mut candidate = ai_gate_result();
    candidate.verdict = AiVerdict::Modify;
    candidate.modification = Some(AiModification {
        quantity: None,
        take_profit: None,
        stop_loss: None,
        ..AiModification::default()
    });
    assert_eq!(
        reason_of(&candidate),
        ReasonCode::ContractModifyWithoutModification
    );
    candidate.modification = Some(AiModification {
        quantity: Some(qty("0")),
        ..tighter()
    });
    assert_eq!(
        reason_of(&candidate),
        ReasonCode::ContractQuantityNotPositive
    );
    candidate.modification = Some(AiModification {
        stop_loss: Some(price("0")),
        ..tighter()
    });
    assert_eq!(reason_of(&candidate), ReasonCode::ContractPriceNotPositive);
}

#[test]
fn unknown_verdict_or_reason_is_refused_by_the_decoder() {
    let json = serde_json::to_string(&ai_gate_result()).unwrap();
    assert!(serde_json::from_str::<AiGateResult>(&json.replace("\"ALLOW\"", "\"MAYBE\"")).is_err());
    let blocked = AiGateResult {
        verdict: AiVerdict::Block,
        reason_codes: vec![ReasonCode::AiBlocked],
        ..ai_gate_result()
    };
    let json = serde_json::to_string(&blocked).unwrap();
    assert!(
        serde_json::from_str::<AiGateResult>(&json.replace("AI_BLOCKED", "AI_FEELS_BAD")).is_err()
    );
}

#[test]
fn conservative_modification_applies_and_risky_ones_are_refused() {
    let original = decision();
    let modified = tighter().apply_to(&original).unwrap();
    assert_eq!(modified.quantity, qty("0.001"));
    assert_eq!(modified.exit.stop_loss, price("26900"));
    assert_eq!(modified.exit.take_profit, original.exit.take_profit);
    let risky = [
        AiModification {
            quantity: Some(qty("0.003")),
            take_profit: None,
            stop_loss: None,
            ..AiModification::default()
        },
        AiModification {
            quantity: None,
            take_profit: None,
            stop_loss: Some(price("26800")),
            ..AiModification::default()
        },
        AiModification {
            quantity: None,
            take_profit: Some(price("27300")),
            stop_loss: None,
            ..AiModification::default()
        },
    ];
    for modification in risky {
        assert_eq!(
            modification.apply_to(&original).unwrap_err().reason,
            ReasonCode::AiModifyRiskIncrease
        );
    }
    let stop_above_entry = AiModification {
        quantity: None,
        take_profit: None,
        stop_loss: Some(price("27100")),
        ..AiModification::default()
    };
    assert_eq!(
        stop_above_entry.apply_to(&original).unwrap_err().reason,
        ReasonCode::AiModifyInvalid
    );
}

#[test]
fn valid_verdicts_pass_and_round_trip() {
    let approve = risk_verdict();
    assert_eq!(approve.validate(), Ok(()));
    assert!(approve.is_approved());
    assert_round_trips(&approve);
    let block = RiskVerdict {
        outcome: RiskOutcome::Block,
        reason_codes: vec![ReasonCode::RiskDailyLossLimit],
        approved_quantity: None,
        sys_mode: SysMode::Degrade,
        ..risk_verdict()
    };
    assert_eq!(block.validate(), Ok(()));
    assert_round_trips(&block);
}

const VERDICT_CASES: [Case<RiskVerdict>; 6] = [
    ("ts", |v| v.ts_ms = 0, ReasonCode::ContractTimestampInvalid),
    (
        "no qty",
        |v| v.approved_quantity = None,
        ReasonCode::ContractQuantityNotPositive,
    ),
    (
        "zero qty",
        |v| v.approved_quantity = Some(qty("0")),
        ReasonCode::ContractQuantityNotPositive,
    ),
    (
        "not normal",
        |v| v.sys_mode = SysMode::Degrade,
        ReasonCode::EntryOutsideNormal,
    ),
    (
        "bare block",
        |v| v.outcome = RiskOutcome::Block,
        ReasonCode::ContractBlockWithoutReason,
    ),
    (
        "block with qty",
        |v| {
            v.outcome = RiskOutcome::Block;
            v.reason_codes = vec![ReasonCode::RiskCooldown];
        },
        ReasonCode::ContractVerdictInconsistent,
    ),
];

#[test]
fn each_invalid_verdict_field_is_refused_with_its_reason() {
    assert_cases(risk_verdict, &VERDICT_CASES);
}
