use livespot_domain::ReasonCode;

use super::*;
use crate::samples::{NOW, account, entry_message, exit_message};

fn json(message: &ProposalMessage) -> String {
    serde_json::to_string(&ProposalWire::from_message(message)).unwrap()
}

#[test]
fn a_well_formed_entry_round_trips_through_json() {
    let message = entry_message("dec-1", "2");
    assert_eq!(decode_proposal(&json(&message)), Ok(message));
    let exit = exit_message("exit-1", "1");
    assert_eq!(decode_proposal(&json(&exit)), Ok(exit));
}

#[test]
fn an_entry_without_market_data_decodes_and_is_left_to_the_stale_data_rule() {
    let mut message = entry_message("dec-1", "2");
    message.market = None;
    assert_eq!(decode_proposal(&json(&message)), Ok(message));
}

#[test]
fn the_strategy_proposal_shape_is_accepted_with_its_extra_fields_ignored() {
    let message = entry_message("dec-1", "2");
    let mut value = serde_json::to_value(ProposalWire::from_message(&message)).unwrap();
    value["decision_hash"] = serde_json::json!("ab");
    value["ai_gate"] = serde_json::Value::Null;
    value["modify_applied"] = serde_json::json!(false);
    assert_eq!(value["kind"], "ENTRY");
    assert_eq!(decode_proposal(&value.to_string()), Ok(message));
}

#[test]
fn a_proposal_without_the_part_its_kind_needs_is_a_contract_violation() {
    let entry = r#"{"kind":"ENTRY"}"#;
    let violation = decode_proposal(entry).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::ContractFieldEmpty);
    assert_eq!(violation.field, "decision");
    let mut exit =
        serde_json::to_value(ProposalWire::from_message(&exit_message("x-1", "1"))).unwrap();
    exit["kind"] = serde_json::json!("PROTECT");
    exit.as_object_mut().unwrap().remove("reduce");
    let violation = decode_proposal(&exit.to_string()).unwrap_err();
    assert_eq!(violation.field, "reduce");
}

#[test]
fn an_exit_of_nothing_is_a_contract_violation() {
    let mut exit = exit_message("x-1", "1");
    if let Proposal::Exit(reduce) = &mut exit.proposal {
        reduce.quantity = livespot_domain::Quantity::ZERO;
    }
    let violation = decode_proposal(&json(&exit)).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::ContractQuantityNotPositive);
    assert_eq!(violation.field, "reduce.quantity");
}

#[test]
fn market_data_for_another_symbol_is_a_contract_violation() {
    let mut message = entry_message("dec-1", "2");
    if let Some(market) = message.market.as_mut() {
        market.symbol = Symbol::new("ETHUSDT").unwrap();
    }
    let violation = decode_proposal(&json(&message)).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::ContractIdMismatch);
    assert_eq!(violation.field, "market.symbol");
}

#[test]
fn an_invalid_decision_inside_the_proposal_is_named_by_its_field() {
    let mut message = entry_message("dec-1", "2");
    if let Proposal::Entry(decision) = &mut message.proposal {
        decision.created_ts_ms = NOW + 20_000;
    }
    let violation = decode_proposal(&json(&message)).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::ContractExpiryNotAfterCreation);
    assert!(violation.field.starts_with("decision"), "{violation:?}");
}

#[test]
fn json_of_another_shape_is_refused_with_ipc_contract_violation() {
    let violation = decode_proposal(r#"{"decision":{}}"#).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::IpcContractViolation);
    let violation = decode_account("[1,2]").unwrap_err();
    assert_eq!(violation.reason, ReasonCode::IpcContractViolation);
}

#[test]
fn account_state_is_the_serde_form_of_the_account_view() {
    let view = account();
    let text = serde_json::to_string(&view).unwrap();
    assert!(text.contains("\"free\":\"10000\""), "{text}");
    assert_eq!(decode_account(&text), Ok(view));
    let mut nameless = account();
    nameless.quote_asset = String::new();
    let violation = decode_account(&serde_json::to_string(&nameless).unwrap()).unwrap_err();
    assert_eq!(violation.reason, ReasonCode::ContractFieldEmpty);
}
