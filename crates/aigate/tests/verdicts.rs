mod support;

use livespot_aigate::stub::StubReply;
use livespot_aigate::{GateVerdict, PromptSet};
use livespot_domain::{AiVerdict, AuditEventType, CorrelationIds, ReasonCode, Validate};

use support::{decision, evaluate, gate, qty, stub};

#[tokio::test]
async fn allow_lets_the_entry_through_unchanged() {
    let server = stub(vec![StubReply::Allow]).await;
    let outcome = evaluate(&gate(2, &server.base_url())).await;
    assert_eq!(outcome.gated_decision(), Some(&decision()));
    assert_eq!(outcome.record.verdict, AiVerdict::Allow);
    assert!(outcome.record.called);
    assert_eq!(outcome.record.error_code, None);
    assert_eq!(outcome.condition, None);
    assert!(outcome.record.raw_hash.is_some());
    assert!(outcome.record.total_tokens > 0);
    assert_eq!(outcome.result.validate(), Ok(()));
    assert_eq!(
        outcome.result.gated_decision(&decision()),
        Ok(Some(decision()))
    );
}

#[tokio::test]
async fn block_stops_the_entry_and_is_not_a_failure_even_when_mandatory() {
    let server = stub(vec![StubReply::Block]).await;
    let outcome = evaluate(&gate(2, &server.base_url())).await;
    assert_eq!(
        outcome.verdict,
        GateVerdict::Blocked {
            reasons: vec![ReasonCode::AiBlocked]
        }
    );
    assert_eq!(outcome.record.verdict, AiVerdict::Block);
    assert_eq!(outcome.record.error_code, None);
    assert_eq!(outcome.condition, None);
    assert_eq!(outcome.result.gated_decision(&decision()), Ok(None));
}

#[tokio::test]
async fn a_conservative_modify_is_applied_and_marked() {
    let server = stub(vec![StubReply::ModifyConservative]).await;
    let outcome = evaluate(&gate(1, &server.base_url())).await;
    let GateVerdict::Pass {
        decision: modified,
        modified: true,
    } = &outcome.verdict
    else {
        panic!("expected a modified pass, got {:?}", outcome.verdict);
    };
    assert_eq!(modified.quantity, qty("0.001"));
    assert_eq!(modified.exit, decision().exit);
    assert!(outcome.record.modify_applied);
    assert_eq!(outcome.record.verdict, AiVerdict::Modify);
    assert_eq!(outcome.record.reason_codes, vec![ReasonCode::SpreadTooWide]);
    assert_eq!(
        outcome.result.gated_decision(&decision()),
        Ok(Some(modified.as_ref().clone()))
    );
}

#[tokio::test]
async fn the_request_is_a_strict_json_schema_chat_completion_with_the_filled_prompt() {
    let server = stub(vec![StubReply::Allow]).await;
    let gate = gate(1, &server.base_url());
    let outcome = evaluate(&gate).await;
    let recorded = server.requests();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].bearer_present);
    let request = recorded[0].request.clone().unwrap();
    assert_eq!(request.model, "gpt-4o-mini");
    assert_eq!(request.response_format.kind, "json_schema");
    assert!(request.response_format.json_schema.strict);
    let prompt = PromptSet::builtin().unwrap();
    assert_eq!(&request.response_format.json_schema.schema, prompt.schema());
    let user = request.user_content().unwrap();
    assert!(user.contains("BTCUSDT") && user.contains("26865.00") && user.contains("HEALTHY"));
    assert!(!user.contains("{{"));
    assert_eq!(outcome.record.prompt_version, "entry_gate/v1");
    assert_eq!(outcome.record.prompt_hash, prompt.hash());
    assert_eq!(outcome.record.input_hash, outcome.result.input_hash);
    assert_eq!(outcome.record.raw_prompt, None);
}

#[tokio::test]
async fn a_script_plays_in_sequence_across_calls() {
    let server = stub(vec![StubReply::Block, StubReply::Allow, StubReply::Http500]).await;
    let gate = gate(1, &server.base_url());
    let verdicts = [
        evaluate(&gate).await.record.verdict,
        evaluate(&gate).await.record.verdict,
        evaluate(&gate).await.record.verdict,
        evaluate(&gate).await.record.verdict,
    ];
    assert_eq!(
        verdicts,
        [
            AiVerdict::Block,
            AiVerdict::Allow,
            AiVerdict::Error,
            AiVerdict::Error
        ]
    );
}

#[tokio::test]
async fn every_attempt_converts_to_an_aigate_call_audit_event() {
    let server = stub(vec![StubReply::Allow, StubReply::UnknownReason]).await;
    let gate = gate(2, &server.base_url());
    for expected_error in [None, Some(ReasonCode::AiUnknownReasonCode)] {
        let outcome = evaluate(&gate).await;
        let event = outcome
            .record
            .to_audit_event(CorrelationIds::default())
            .unwrap();
        assert_eq!(event.event_type, AuditEventType::AigateCall);
        assert_eq!(event.validate(), Ok(()));
        assert_eq!(event.correlation.decision_id, Some(decision().decision_id));
        let payload: serde_json::Value = serde_json::from_str(&event.payload_json).unwrap();
        assert_eq!(
            payload["raw_hash"],
            outcome.record.raw_hash.clone().unwrap()
        );
        assert_eq!(payload["input_hash"], outcome.record.input_hash);
        assert_eq!(payload["model"], "gpt-4o-mini");
        assert_eq!(event.reason_codes.last().copied(), expected_error);
    }
}

#[tokio::test]
async fn a_stale_snapshot_hash_is_refused_without_a_call() {
    let server = stub(vec![StubReply::Allow]).await;
    let gate = gate(2, &server.base_url());
    let outcome = gate
        .evaluate(&decision(), &"0".repeat(64), &support::context())
        .await;
    assert_eq!(
        outcome.record.error_code,
        Some(ReasonCode::ContractHashInvalid)
    );
    assert!(outcome.gated_decision().is_none());
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn tokens_reported_in_usage_exhaust_the_daily_budget() {
    let server = stub(vec![StubReply::Allow]).await;
    let mut tight = support::config(1, &server.base_url());
    tight.tokens_per_day = 50;
    let gate = support::gate_with(&tight);
    let first = evaluate(&gate).await;
    assert!(first.record.total_tokens > 50);
    let second = evaluate(&gate).await;
    assert_eq!(
        second.record.error_code,
        Some(ReasonCode::AiBudgetExhausted)
    );
    assert!(!second.record.called);
    assert_eq!(server.requests().len(), 1);
}
