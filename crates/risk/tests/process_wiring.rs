#![expect(clippy::unwrap_used, reason = "test setup fails loudly")]

mod common;

use std::time::Duration;

use common::samples::{
    account_holding_btc, entry_json, entry_without_market_json, exit_json, snapshot_json,
};
use common::{Harness, start};
use livespot_domain::{
    AuditEventType, CorrelationIds, DecisionId, IntentKind, ProcessRole, ReasonCode, SignedIntent,
    SysMode, SystemClock,
};
use livespot_ipc::{
    Connection, Envelope, IntentVerifier, MemoryNonceStore, Payload, system_now_ms,
};
use livespot_runtime::ExitStatus;

const ATTEMPTS_UNTIL_ACCOUNT_STATE_APPLIED: usize = 50;

async fn verdict_reasons(harness: &mut Harness, decision: &str) -> Vec<ReasonCode> {
    let id = DecisionId::new(decision).unwrap();
    let event = harness
        .next_audit(|event| {
            event.event_type == AuditEventType::RiskVerdict
                && event.correlation.decision_id.as_ref() == Some(&id)
        })
        .await;
    assert_eq!(event.source, ProcessRole::Risk);
    assert_eq!(
        event.correlation.run_id.as_ref(),
        Some(&harness.secrets.run_id)
    );
    event.reason_codes
}

fn verify(harness: &Harness, signed: &SignedIntent) {
    let max_ttl_ms = i64::try_from(harness.config.executor.intent_max_ttl_ms).unwrap();
    let mut verifier = IntentVerifier::new(
        harness.secrets.intent_key.clone(),
        SystemClock,
        MemoryNonceStore::new(),
    )
    .with_max_ttl_ms(max_ttl_ms);
    assert_eq!(verifier.verify(signed), Ok(()));
}

async fn publish_account_state(harness: &Harness) -> anyhow::Result<Connection> {
    let mut executor = harness.connect_as(ProcessRole::Executor).await?;
    let payload_json = serde_json::to_string(&account_holding_btc())?;
    let payload = Payload::AccountState { payload_json };
    executor.send(CorrelationIds::default(), payload).await?;
    Ok(executor)
}

async fn first_approved_entry(harness: &mut Harness) -> anyhow::Result<String> {
    first_approved(harness, entry_json).await
}

async fn first_approved(
    harness: &mut Harness,
    proposal: fn(&str) -> String,
) -> anyhow::Result<String> {
    for attempt in 0..ATTEMPTS_UNTIL_ACCOUNT_STATE_APPLIED {
        let decision = format!("dec-try-{attempt}");
        harness.propose(proposal(&decision)).await?;
        let reasons = verdict_reasons(harness, &decision).await;
        if reasons.is_empty() {
            return Ok(decision);
        }
        assert_eq!(reasons.first(), Some(&ReasonCode::RiskStaleData));
    }
    anyhow::bail!("no entry approved after account state and market data were published")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_are_blocked_until_account_state_arrives_then_signed_for_the_executor()
-> anyhow::Result<()> {
    let mut harness = start("run-risk-entry").await?;
    harness.propose(entry_json("dec-before-state")).await?;
    let reasons = verdict_reasons(&mut harness, "dec-before-state").await;
    assert_eq!(reasons, vec![ReasonCode::RiskStaleData]);
    let _executor = publish_account_state(&harness).await?;
    let approved = first_approved_entry(&mut harness).await?;
    let signed = harness.next_intent().await;
    assert_eq!(signed.intent.decision_id.as_str(), approved);
    assert_eq!(signed.intent.kind, IntentKind::Entry);
    verify(&harness, &signed);
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_pause_entries_are_blocked_but_exits_reach_the_executor_signed() -> anyhow::Result<()> {
    let mut harness = start("run-risk-pause").await?;
    let _executor = publish_account_state(&harness).await?;
    let approved = first_approved_entry(&mut harness).await?;
    let entry = harness.next_intent().await;
    assert_eq!(entry.intent.decision_id.as_str(), approved);
    harness.mode.send(SysMode::Pause)?;
    harness.propose(entry_json("dec-paused")).await?;
    let reasons = verdict_reasons(&mut harness, "dec-paused").await;
    assert_eq!(reasons, vec![ReasonCode::RiskSysModeNotNormal]);
    harness.propose(exit_json("exit-paused")).await?;
    assert_eq!(verdict_reasons(&mut harness, "exit-paused").await, vec![]);
    let exit = harness.next_intent().await;
    assert_eq!(exit.intent.decision_id.as_str(), "exit-paused");
    assert_eq!(exit.intent.kind, IntentKind::Exit);
    assert!(exit.intent.reduce_only);
    verify(&harness, &exit);
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_proposal_is_audited_and_risk_keeps_running() -> anyhow::Result<()> {
    let mut harness = start("run-risk-contract").await?;
    harness.propose(r#"{"nope":1}"#.to_owned()).await?;
    let violation = harness
        .next_audit(|event| event.event_type == AuditEventType::IpcContractViolation)
        .await;
    assert_eq!(
        violation.reason_codes,
        vec![ReasonCode::IpcContractViolation]
    );
    assert!(violation.payload_json.contains("PROPOSAL"));
    harness.propose(exit_json("exit-after-garbage")).await?;
    let reasons = verdict_reasons(&mut harness, "exit-after-garbage").await;
    assert_eq!(reasons, vec![ReasonCode::RiskStaleData]);
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_outside_the_allowlist_is_refused_and_audited() -> anyhow::Result<()> {
    let mut harness = start("run-risk-stranger").await?;
    assert!(harness.connect_as(ProcessRole::Panel).await.is_err());
    let rejected = harness
        .next_audit(|event| event.event_type == AuditEventType::IpcAuthRejected)
        .await;
    assert!(!rejected.reason_codes.is_empty());
    assert!(rejected.payload_json.contains("panel"));
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_without_market_data_are_judged_on_the_snapshots_risk_follows() -> anyhow::Result<()>
{
    let mut harness = start("run-risk-marketdata").await?;
    harness
        .propose(entry_without_market_json("dec-no-market"))
        .await?;
    let reasons = verdict_reasons(&mut harness, "dec-no-market").await;
    assert_eq!(reasons.first(), Some(&ReasonCode::RiskStaleData));
    let _executor = publish_account_state(&harness).await?;
    harness.snapshots.send(snapshot_json()).await?;
    let approved = first_approved(&mut harness, entry_without_market_json).await?;
    let signed = harness.next_intent().await;
    assert_eq!(signed.intent.decision_id.as_str(), approved);
    verify(&harness, &signed);
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_state_sent_back_on_the_link_risk_opened_to_the_executor_is_used()
-> anyhow::Result<()> {
    let mut harness = start("run-risk-backlink").await?;
    let payload_json = serde_json::to_string(&account_holding_btc())?;
    harness.account_states.send(payload_json).await?;
    let approved = first_approved_entry(&mut harness).await?;
    let signed = harness.next_intent().await;
    assert_eq!(signed.intent.decision_id.as_str(), approved);
    verify(&harness, &signed);
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_strategy_receives_the_account_state_risk_judges_with() -> anyhow::Result<()> {
    let mut harness = start("run-risk-forward").await?;
    let sent = account_holding_btc();
    harness
        .account_states
        .send(serde_json::to_string(&sent)?)
        .await?;
    let mut forwarded = None;
    for _ in 0..10 {
        let next = tokio::time::timeout(Duration::from_secs(5), harness.strategy.read_envelope());
        if let Payload::AccountState { payload_json } = next.await??.unwrap().payload {
            forwarded = Some(livespot_risk::decode_account(&payload_json).unwrap());
            break;
        }
    }
    assert_eq!(forwarded, Some(sent));
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_from_the_executor_is_a_contract_violation() -> anyhow::Result<()> {
    let mut harness = start("run-risk-wrong-peer").await?;
    let mut executor = harness.connect_as(ProcessRole::Executor).await?;
    let payload = Payload::Proposal {
        payload_json: entry_json("dec-from-executor"),
    };
    executor.send(CorrelationIds::default(), payload).await?;
    let violation = harness
        .next_audit(|event| event.event_type == AuditEventType::IpcContractViolation)
        .await;
    assert!(violation.payload_json.contains("\"peer\":\"executor\""));
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}

async fn first_approved_exit(harness: &mut Harness) -> anyhow::Result<()> {
    for attempt in 0..ATTEMPTS_UNTIL_ACCOUNT_STATE_APPLIED {
        let decision = format!("exit-try-{attempt}");
        harness.propose(exit_json(&decision)).await?;
        if verdict_reasons(harness, &decision).await.is_empty() {
            return Ok(());
        }
    }
    anyhow::bail!("no exit approved after the account state was published")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_state_older_than_the_stale_limit_blocks_entries_but_not_exits()
-> anyhow::Result<()> {
    let mut harness = start("run-risk-stale-account").await?;
    let stale_ms = i64::try_from(harness.config.risk.stale_data_ms)?;
    let mut executor = harness.connect_as(ProcessRole::Executor).await?;
    let payload_json = serde_json::to_string(&account_holding_btc())?;
    let sent_ts_ms = system_now_ms() - stale_ms - 10_000;
    let old = Envelope::new(
        ProcessRole::Executor,
        1,
        sent_ts_ms,
        CorrelationIds::default(),
        Payload::AccountState { payload_json },
    );
    executor.write_envelope(&old).await?;
    first_approved_exit(&mut harness).await?;
    harness.propose(entry_json("dec-on-stale")).await?;
    let reasons = verdict_reasons(&mut harness, "dec-on-stale").await;
    assert_eq!(reasons, vec![ReasonCode::RiskStaleData]);
    let exit = harness.next_intent().await;
    assert_eq!(exit.intent.kind, IntentKind::Exit);
    assert_eq!(harness.stop().await, ExitStatus::Success);
    Ok(())
}
