mod support;

use livespot_aigate::stub::StubReply;
use livespot_aigate::{AiGate, ApiKey, PromptSet};
use livespot_domain::{CorrelationIds, FixedClock, ReasonCode};
use std::sync::Arc;

use support::{CANARY, closed_port_url, config, evaluate, gate, gate_with, stub};

const EVERY_REPLY: [StubReply; 10] = [
    StubReply::Allow,
    StubReply::Block,
    StubReply::ModifyConservative,
    StubReply::ModifyRisky,
    StubReply::InvalidJson,
    StubReply::SchemaViolation,
    StubReply::UnknownReason,
    StubReply::Timeout,
    StubReply::Http500,
    StubReply::Empty,
];

fn assert_clean(text: &str, what: &str) {
    assert!(!text.contains(CANARY), "the key leaked into {what}");
}

#[tokio::test]
async fn the_key_is_sent_as_bearer_but_never_recorded_anywhere() {
    let server = stub(EVERY_REPLY.to_vec()).await;
    let mut raw = config(2, &server.base_url());
    raw.log_raw_prompt = true;
    let gate = gate_with(&raw);
    assert_clean(&format!("{gate:?}"), "the gate's Debug");
    for _ in EVERY_REPLY {
        let outcome = evaluate(&gate).await;
        assert_clean(&format!("{outcome:?}"), "the outcome's Debug");
        assert_clean(
            &serde_json::to_string(&outcome.record).unwrap(),
            "the record",
        );
        assert!(outcome.record.raw_prompt.is_some());
        let event = outcome
            .record
            .to_audit_event(CorrelationIds::default())
            .unwrap();
        assert_clean(&format!("{event:?}"), "the audit event");
    }
    let recorded = server.requests();
    assert_eq!(recorded.len(), EVERY_REPLY.len());
    assert!(recorded.iter().all(|request| request.bearer_present));
    assert_clean(&serde_json::to_string(&recorded).unwrap(), "the stub's log");
}

#[tokio::test]
async fn a_network_error_detail_carries_no_key() {
    let outcome = evaluate(&gate(1, &closed_port_url())).await;
    assert_eq!(outcome.record.error_code, Some(ReasonCode::AiNetworkError));
    assert_clean(
        &serde_json::to_string(&outcome.record).unwrap(),
        "the record",
    );
}

#[tokio::test]
async fn a_missing_key_is_refused_by_the_stub_as_an_http_error() {
    let server = stub(vec![StubReply::Allow]).await;
    let clock = Arc::new(FixedClock::new(support::T0));
    let gate = AiGate::new(
        &config(1, &server.base_url()),
        ApiKey::new(""),
        PromptSet::builtin().unwrap(),
        clock,
    )
    .unwrap();
    let outcome = evaluate(&gate).await;
    assert_eq!(outcome.record.error_code, Some(ReasonCode::AiHttpError));
    assert!(outcome.record.details.unwrap().contains("401"));
    assert!(!server.requests()[0].bearer_present);
}
