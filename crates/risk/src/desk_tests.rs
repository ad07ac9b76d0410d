use livespot_domain::{
    AuditEventType, FixedClock, IntentKind, ReasonCode, RiskOutcome, SysMode, Validate,
};
use livespot_ipc::{IntentVerifier, MemoryNonceStore, SecretKey};

use super::*;
use crate::rules::Verdict;
use crate::samples::{NOW, account, account_holding_btc, entry_message, exit_message, limits};

const TTL_MS: i64 = 5_000;

fn key() -> SecretKey {
    SecretKey::from_bytes([7; 32])
}

fn desk() -> RiskDesk {
    let settings = DeskSettings {
        stale_data_ms: 5_000,
        intent_ttl_ms: TTL_MS,
        run_id: Some(RunId::new("run-desk").unwrap()),
    };
    RiskDesk::new(RiskEngine::new(limits()), key(), settings)
}

fn desk_with(account: AccountView, as_of_ms: i64) -> RiskDesk {
    let mut desk = desk();
    desk.on_account_state(account, as_of_ms);
    desk
}

fn verifier() -> IntentVerifier<FixedClock, MemoryNonceStore> {
    IntentVerifier::new(key(), FixedClock::new(NOW + 100), MemoryNonceStore::new())
        .with_max_ttl_ms(TTL_MS)
}

fn judge(desk: &mut RiskDesk, message: &ProposalMessage, mode: SysMode) -> Judgement {
    let clock = FixedClock::new(NOW);
    desk.judge(message, mode, &clock, "nonce-1".to_owned())
        .unwrap()
}

fn reasons(judgement: &Judgement) -> Vec<ReasonCode> {
    judgement.assessment.verdict.reason_codes().to_vec()
}

#[test]
fn an_approved_entry_is_signed_so_that_the_executor_verifier_accepts_it() {
    let mut desk = desk_with(account(), NOW - 1_000);
    let judgement = judge(&mut desk, &entry_message("dec-1", "2"), SysMode::Normal);
    assert!(judgement.assessment.verdict.is_approved());
    let signed = judgement.signed.clone().unwrap();
    assert_eq!(Some(&signed.intent), judgement.assessment.intent.as_ref());
    assert_eq!(signed.intent.kind, IntentKind::Entry);
    assert_eq!(signed.expires_at_ms, NOW + TTL_MS);
    assert_eq!(signed.nonce, "nonce-1");
    assert_eq!(verifier().verify(&signed), Ok(()));
    assert_eq!(judgement.event.event_type, AuditEventType::RiskVerdict);
    assert_eq!(judgement.event.validate(), Ok(()));
    assert_eq!(
        judgement.event.correlation.order_intent_id,
        Some(signed.intent.order_intent_id)
    );
}

#[test]
fn a_signature_made_with_another_key_is_refused_by_the_verifier() {
    let settings = DeskSettings {
        stale_data_ms: 5_000,
        intent_ttl_ms: TTL_MS,
        run_id: None,
    };
    let mut foreign = RiskDesk::new(
        RiskEngine::new(limits()),
        SecretKey::from_bytes([9; 32]),
        settings,
    );
    foreign.on_account_state(account(), NOW);
    let signed = judge(&mut foreign, &entry_message("dec-1", "2"), SysMode::Normal)
        .signed
        .unwrap();
    let refused = verifier().verify(&signed).unwrap_err();
    assert_eq!(refused.reason_code(), ReasonCode::IntentBadSignature);
}

#[test]
fn without_account_state_entries_and_exits_are_blocked_as_stale() {
    let mut desk = desk();
    for message in [entry_message("dec-1", "2"), exit_message("exit-1", "1")] {
        let judgement = judge(&mut desk, &message, SysMode::Normal);
        assert!(!judgement.assessment.verdict.is_approved());
        assert_eq!(reasons(&judgement), vec![ReasonCode::RiskStaleData]);
        assert_eq!(judgement.signed, None);
        assert_eq!(judgement.assessment.verdict.validate(), Ok(()));
        assert_eq!(
            judgement.event.reason_codes,
            vec![ReasonCode::RiskStaleData]
        );
    }
}

#[test]
fn account_state_older_than_the_stale_limit_blocks_entries() {
    let mut fresh = desk_with(account(), NOW - 5_000);
    let judgement = judge(&mut fresh, &entry_message("dec-1", "2"), SysMode::Normal);
    assert!(judgement.assessment.verdict.is_approved());
    let mut stale = desk_with(account(), NOW - 5_001);
    let judgement = judge(&mut stale, &entry_message("dec-1", "2"), SysMode::Normal);
    assert_eq!(reasons(&judgement), vec![ReasonCode::RiskStaleData]);
    assert_eq!(judgement.signed, None);
    assert_eq!(judgement.assessment.intent, None);
    assert_eq!(judgement.assessment.verdict.validate(), Ok(()));
}

#[test]
fn a_stale_account_keeps_the_other_block_reasons_of_an_entry() {
    let mut stale = desk_with(account(), NOW - 60_000);
    let judgement = judge(&mut stale, &entry_message("dec-1", "2"), SysMode::Pause);
    assert_eq!(
        reasons(&judgement),
        vec![ReasonCode::RiskStaleData, ReasonCode::RiskSysModeNotNormal]
    );
}

#[test]
fn a_stale_account_still_lets_a_reduce_only_exit_through() {
    let mut stale = desk_with(account_holding_btc("1"), NOW - 60_000);
    let judgement = judge(&mut stale, &exit_message("exit-1", "1"), SysMode::Normal);
    assert!(judgement.assessment.verdict.is_approved());
    assert_eq!(verifier().verify(&judgement.signed.unwrap()), Ok(()));
}

#[test]
fn outside_normal_entries_are_blocked_but_exits_are_signed() {
    for mode in [SysMode::Degrade, SysMode::Pause, SysMode::Exit] {
        let mut desk = desk_with(account_holding_btc("1"), NOW);
        let entry = judge(&mut desk, &entry_message("dec-1", "2"), mode);
        assert_eq!(reasons(&entry), vec![ReasonCode::RiskSysModeNotNormal]);
        assert_eq!(entry.signed, None);
        let exit = judge(&mut desk, &exit_message("exit-1", "1"), mode);
        let Verdict::Reduce(verdict) = &exit.assessment.verdict else {
            panic!("an exit is judged by a reduce verdict");
        };
        assert_eq!(verdict.outcome, RiskOutcome::Approve);
        assert_eq!(verdict.sys_mode, mode);
        let signed = exit.signed.unwrap();
        assert!(signed.intent.reduce_only);
        assert_eq!(verifier().verify(&signed), Ok(()));
    }
}

#[test]
fn market_data_older_than_the_stale_limit_blocks_an_entry() {
    let mut desk = desk_with(account(), NOW);
    let mut message = entry_message("dec-1", "2");
    if let Some(market) = message.market.as_mut() {
        market.snapshot_ts_ms = NOW - 5_001;
    }
    let judgement = judge(&mut desk, &message, SysMode::Normal);
    assert_eq!(reasons(&judgement), vec![ReasonCode::RiskStaleData]);
}

#[test]
fn an_entry_without_any_market_data_for_its_symbol_is_blocked_as_stale() {
    let mut desk = desk_with(account(), NOW);
    let mut message = entry_message("dec-1", "2");
    message.market = None;
    let judgement = judge(&mut desk, &message, SysMode::Normal);
    assert_eq!(
        reasons(&judgement).first(),
        Some(&ReasonCode::RiskStaleData)
    );
    assert!(!judgement.assessment.verdict.is_approved());
    assert_eq!(judgement.signed, None);
}
