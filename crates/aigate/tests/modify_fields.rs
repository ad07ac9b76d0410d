#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use livespot_aigate::{PromptSet, parse_answer, to_modification};
use livespot_domain::{Decision, EntryKind, Fallback, ReasonCode};
use serde_json::{Value, json};

use support::decision;

fn judge(modify: &Value, plan: &Decision) -> Result<Decision, ReasonCode> {
    let content = json!({"verdict": "MODIFY", "reason_codes": [], "modify": modify}).to_string();
    let prompt = PromptSet::builtin().unwrap();
    let answer = parse_answer(&content, prompt.allowed_reasons()).map_err(|e| e.reason())?;
    let fields = answer.modify.unwrap();
    let modification = to_modification(&fields, plan).map_err(|e| e.reason())?;
    modification
        .apply_to(plan)
        .map_err(|violation| livespot_aigate::GateError::from_modification(violation).reason())
}

const RISK: Result<(), ReasonCode> = Err(ReasonCode::AiModifyRiskIncrease);
const INVALID: Result<(), ReasonCode> = Err(ReasonCode::AiModifyInvalid);

fn outcome(modify: &Value) -> Result<(), ReasonCode> {
    judge(modify, &decision()).map(drop)
}

fn ioc_plan() -> Decision {
    let mut plan = decision();
    plan.entry.kind = EntryKind::Ioc;
    plan.entry.fallback = Fallback::None;
    plan
}

#[test]
fn quantity_may_only_go_down() {
    let lower = judge(&json!({"quantity": "0.0015"}), &decision()).unwrap();
    assert_eq!(lower.quantity, support::qty("0.0015"));
    assert_eq!(outcome(&json!({"quantity": "0.003"})), RISK);
    assert_eq!(outcome(&json!({"quantity": "0"})), INVALID);
    assert_eq!(outcome(&json!({"quantity": "-1"})), INVALID);
}

#[test]
fn stop_loss_may_only_tighten_and_stay_below_entry() {
    let tighter = judge(&json!({"stop_loss": "26950"}), &decision()).unwrap();
    assert_eq!(tighter.exit.stop_loss, support::price("26950"));
    assert_eq!(outcome(&json!({"stop_loss": "26800"})), RISK);
    assert_eq!(outcome(&json!({"stop_loss": "27100"})), INVALID);
}

#[test]
fn take_profit_may_only_come_closer_and_stay_above_entry() {
    let closer = judge(&json!({"take_profit": "27200"}), &decision()).unwrap();
    assert_eq!(closer.exit.take_profit, support::price("27200"));
    assert_eq!(outcome(&json!({"take_profit": "27400"})), RISK);
    assert_eq!(outcome(&json!({"take_profit": "26990"})), INVALID);
}

#[test]
fn trailing_delta_may_only_tighten() {
    let tighter = judge(&json!({"trailing_delta_bips": 30}), &decision()).unwrap();
    assert_eq!(tighter.exit.trailing_delta_bips, Some(30));
    assert_eq!(outcome(&json!({"trailing_delta_bips": 80})), RISK);
    assert_eq!(outcome(&json!({"trailing_delta_bips": 1})), INVALID);
}

#[test]
fn entry_may_only_become_less_aggressive_and_a_longer_ttl_is_not_less_aggressive() {
    let shorter = judge(&json!({"ttl_ms": 1_000}), &decision()).unwrap();
    assert_eq!(shorter.entry.kind, EntryKind::MakerFirst { ttl_ms: 1_000 });
    assert_eq!(outcome(&json!({"ttl_ms": 10_000})), RISK);
    assert_eq!(
        outcome(&json!({"entry_kind": "IOC", "fallback": "NONE"})),
        RISK
    );
    assert_eq!(
        outcome(&json!({"entry_kind": "MARKET", "fallback": "NONE"})),
        RISK
    );
    let maker = judge(
        &json!({"entry_kind": "MAKER_FIRST", "ttl_ms": 2_000}),
        &ioc_plan(),
    )
    .unwrap();
    assert_eq!(maker.entry.kind, EntryKind::MakerFirst { ttl_ms: 2_000 });
    assert_eq!(
        judge(&json!({"entry_kind": "MARKET"}), &ioc_plan()).map(drop),
        RISK
    );
    assert_eq!(
        judge(&json!({"entry_kind": "MAKER_FIRST"}), &ioc_plan()).map(drop),
        INVALID
    );
    assert_eq!(outcome(&json!({"ttl_ms": 10})), INVALID);
}

#[test]
fn fallback_may_only_shrink() {
    let none = judge(&json!({"fallback": "NONE"}), &decision()).unwrap();
    assert_eq!(none.entry.fallback, Fallback::None);
    assert_eq!(outcome(&json!({"fallback": "MARKET"})), RISK);
    assert_eq!(
        judge(&json!({"fallback": "IOC"}), &ioc_plan()).map(drop),
        RISK
    );
}

#[test]
fn immutable_fields_are_refused_as_a_risk_increase() {
    for field in [
        "symbol",
        "side",
        "decision_id",
        "limit_price",
        "max_slippage_bps",
        "atr",
        "trailing_mode",
    ] {
        let mut modify = serde_json::Map::new();
        modify.insert(field.to_owned(), json!("x"));
        assert_eq!(outcome(&Value::Object(modify)), RISK, "{field}");
    }
}

#[test]
fn field_types_are_exact() {
    let schema = Err(ReasonCode::AiInvalidSchema);
    assert_eq!(outcome(&json!({"quantity": 0.001})), schema);
    assert_eq!(outcome(&json!({"ttl_ms": "1000"})), schema);
    assert_eq!(outcome(&json!({"trailing_delta_bips": 30.5})), schema);
    assert_eq!(outcome(&json!({"entry_kind": "LIMIT"})), schema);
    assert_eq!(outcome(&json!({"quantity": "1e-3"})), INVALID);
}

#[test]
fn an_empty_or_missing_modify_is_invalid() {
    assert_eq!(outcome(&json!({})), INVALID);
    assert_eq!(outcome(&json!({"quantity": null})), INVALID);
}
