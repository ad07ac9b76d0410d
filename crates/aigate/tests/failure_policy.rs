mod support;

use livespot_aigate::stub::StubReply;
use livespot_aigate::{GateOutcome, GateVerdict};
use livespot_domain::{AiVerdict, ReasonCode, Validate};

use support::{closed_port_url, config, decision, evaluate, gate, gate_with, stub};

#[derive(Debug, Clone, Copy)]
enum Failure {
    Timeout,
    Network,
    Empty,
    InvalidSchema,
    Parse,
    UnknownReason,
    ModifyRiskIncrease,
    ModifyInvalid,
    BudgetExhausted,
    Http,
}

const ALL: [Failure; 10] = [
    Failure::Timeout,
    Failure::Network,
    Failure::Empty,
    Failure::InvalidSchema,
    Failure::Parse,
    Failure::UnknownReason,
    Failure::ModifyRiskIncrease,
    Failure::ModifyInvalid,
    Failure::BudgetExhausted,
    Failure::Http,
];

impl Failure {
    const fn code(self) -> ReasonCode {
        match self {
            Failure::Timeout => ReasonCode::AiTimeout,
            Failure::Network => ReasonCode::AiNetworkError,
            Failure::Empty => ReasonCode::AiEmptyAnswer,
            Failure::InvalidSchema => ReasonCode::AiInvalidSchema,
            Failure::Parse => ReasonCode::AiParseFailure,
            Failure::UnknownReason => ReasonCode::AiUnknownReasonCode,
            Failure::ModifyRiskIncrease => ReasonCode::AiModifyRiskIncrease,
            Failure::ModifyInvalid => ReasonCode::AiModifyInvalid,
            Failure::BudgetExhausted => ReasonCode::AiBudgetExhausted,
            Failure::Http => ReasonCode::AiHttpError,
        }
    }

    fn reply(self) -> StubReply {
        match self {
            Failure::Timeout => StubReply::Timeout,
            Failure::Empty => StubReply::Empty,
            Failure::InvalidSchema => StubReply::SchemaViolation,
            Failure::Parse => StubReply::InvalidJson,
            Failure::UnknownReason => StubReply::UnknownReason,
            Failure::ModifyRiskIncrease => StubReply::ModifyRisky,
            Failure::ModifyInvalid => StubReply::Content(
                r#"{"verdict":"MODIFY","reason_codes":[],"modify":{"stop_loss":"27100"}}"#
                    .to_owned(),
            ),
            Failure::Http => StubReply::Http500,
            Failure::Network | Failure::BudgetExhausted => StubReply::Allow,
        }
    }

    const fn answer_received(self) -> bool {
        !matches!(
            self,
            Failure::Timeout | Failure::Network | Failure::BudgetExhausted
        )
    }
}

struct Run {
    outcome: GateOutcome,
    stub_requests: usize,
}

async fn run(failure: Failure, ai_dec: u8) -> Run {
    let server = stub(vec![failure.reply()]).await;
    let url = match failure {
        Failure::Network => closed_port_url(),
        _ => server.base_url(),
    };
    let outcome = if let Failure::BudgetExhausted = failure {
        let mut tight = config(ai_dec, &url);
        tight.calls_per_minute = 1;
        let gate = gate_with(&tight);
        let first = evaluate(&gate).await;
        if ai_dec > 0 {
            assert_eq!(first.record.verdict, AiVerdict::Allow);
        }
        evaluate(&gate).await
    } else {
        evaluate(&gate(ai_dec, &url)).await
    };
    Run {
        outcome,
        stub_requests: server.requests().len(),
    }
}

fn assert_blocked_with(outcome: &GateOutcome, failure: Failure) {
    let code = failure.code();
    assert_eq!(
        outcome.verdict,
        GateVerdict::Blocked {
            reasons: vec![code]
        },
        "{failure:?}"
    );
    assert_eq!(outcome.record.verdict, AiVerdict::Error, "{failure:?}");
    assert_eq!(outcome.record.error_code, Some(code), "{failure:?}");
    assert!(outcome.record.details.is_some(), "{failure:?}");
    assert!(!outcome.record.modify_applied, "{failure:?}");
    assert_eq!(
        outcome.record.raw_hash.is_some(),
        failure.answer_received(),
        "{failure:?}"
    );
    assert_eq!(outcome.result.verdict, AiVerdict::Error);
    assert_eq!(outcome.result.reason_codes, vec![code]);
    assert_eq!(outcome.result.check_for(&decision()), Ok(()), "{failure:?}");
    assert_eq!(outcome.result.gated_decision(&decision()), Ok(None));
    assert!(outcome.gated_decision().is_none());
}

#[tokio::test]
async fn ai_dec_0_never_calls_and_passes_every_entry_through() {
    for failure in ALL {
        let run = run(failure, 0).await;
        let outcome = &run.outcome;
        assert_eq!(run.stub_requests, 0, "{failure:?}");
        assert_eq!(outcome.gated_decision(), Some(&decision()), "{failure:?}");
        assert!(!outcome.record.called);
        assert_eq!(outcome.record.verdict, AiVerdict::Allow);
        assert_eq!(outcome.record.reason_codes, vec![ReasonCode::AiDisabled]);
        assert_eq!(outcome.record.error_code, None);
        assert_eq!(outcome.record.raw_hash, None);
        assert_eq!(outcome.condition, None);
        assert_eq!(outcome.result.validate(), Ok(()));
    }
}

#[tokio::test]
async fn ai_dec_1_blocks_the_entry_on_every_failure_without_a_condition() {
    for failure in ALL {
        let run = run(failure, 1).await;
        assert_blocked_with(&run.outcome, failure);
        assert_eq!(run.outcome.condition, None, "{failure:?}");
    }
}

#[tokio::test]
async fn ai_dec_2_blocks_and_raises_the_failure_as_a_condition_for_the_launcher() {
    for failure in ALL {
        let run = run(failure, 2).await;
        assert_blocked_with(&run.outcome, failure);
        assert_eq!(run.outcome.condition, Some(failure.code()), "{failure:?}");
    }
}

#[tokio::test]
async fn a_risky_modify_is_recorded_as_proposed_but_never_applied() {
    let server = stub(vec![StubReply::ModifyRisky]).await;
    let outcome = evaluate(&gate(1, &server.base_url())).await;
    let proposed = outcome.record.proposed_modification.clone().unwrap();
    assert_eq!(proposed.quantity, Some(support::qty("0.004")));
    assert!(!outcome.record.modify_applied);
    assert_eq!(outcome.result.modification, None);
}

#[tokio::test]
async fn a_timeout_returns_within_the_client_deadline_not_the_stub_sleep() {
    let server = stub(vec![StubReply::Timeout]).await;
    let outcome = evaluate(&gate(2, &server.base_url())).await;
    assert_eq!(outcome.record.error_code, Some(ReasonCode::AiTimeout));
    assert!(outcome.record.latency_ms < support::STUB_SLEEP_MS);
}
