use livespot_config::Config;
use livespot_domain::{
    FixedClock, IntentKind, OrderIntent, ReasonCode, RiskOutcome, RiskVerdict, Side, SysMode,
    Validate,
};

use super::RiskEngine;
use super::fixtures::{NOW, account, btc, decision_for, limits, market, n, p, q, symbol_market};
use super::inputs::{AccountView, Balance, MarketView, Position, Proposal, ReduceProposal};
use super::limits::RiskLimits;
use super::reduce_verdict::ReduceVerdict;
use super::verdict::{Assessment, Verdict};
use livespot_domain::DecisionId;

fn engine() -> RiskEngine {
    RiskEngine::new(limits())
}

fn assess_entry(
    quantity: &str,
    account: &AccountView,
    market: &MarketView,
    mode: SysMode,
) -> Assessment {
    let proposal = Proposal::Entry(decision_for(quantity));
    engine().assess(&proposal, account, market, mode, &FixedClock::new(NOW))
}

fn entry_verdict(assessment: &Assessment) -> &RiskVerdict {
    match &assessment.verdict {
        Verdict::Entry(verdict) => verdict,
        Verdict::Reduce(other) => panic!("expected an entry verdict, got {other:?}"),
    }
}

fn reduce_verdict(assessment: &Assessment) -> &ReduceVerdict {
    match &assessment.verdict {
        Verdict::Reduce(verdict) => verdict,
        Verdict::Entry(other) => panic!("expected a reduce verdict, got {other:?}"),
    }
}

fn holding_two_btc() -> AccountView {
    let mut account = account();
    account.positions.push(Position {
        symbol: btc(),
        base_asset: "BTC".to_owned(),
        entry_price: p("100"),
        quantity: q("2"),
        notional: n("200"),
    });
    account.balances.insert(
        "BTC".to_owned(),
        Balance {
            free: q("0"),
            locked: q("2"),
        },
    );
    account
}

fn sell(quantity: &str, with_plan: bool) -> ReduceProposal {
    ReduceProposal {
        decision_id: DecisionId::new("exit-1").unwrap(),
        symbol: btc(),
        quantity: q(quantity),
        reduce_only: true,
        limit_price: None,
        exit_plan: with_plan.then(|| decision_for("1").exit),
    }
}

fn assess_reduce(proposal: &Proposal, mode: SysMode) -> Assessment {
    engine().assess(
        proposal,
        &holding_two_btc(),
        &market(),
        mode,
        &FixedClock::new(NOW),
    )
}

#[test]
fn a_clean_entry_is_approved_into_an_intent_carrying_both_plans() {
    let assessment = assess_entry("2", &account(), &market(), SysMode::Normal);
    let verdict = entry_verdict(&assessment);
    assert_eq!(verdict.outcome, RiskOutcome::Approve);
    assert_eq!(verdict.approved_quantity, Some(q("2")));
    assert_eq!(verdict.ts_ms, NOW);
    assert_eq!(verdict.validate(), Ok(()));
    let intent: &OrderIntent = assessment.intent.as_ref().unwrap();
    assert_eq!(intent.validate(), Ok(()));
    assert_eq!(intent.kind, IntentKind::Entry);
    assert_eq!(intent.quantity, q("2"));
    assert_eq!(intent.entry_plan, Some(decision_for("2").entry));
    assert_eq!(intent.exit_plan, Some(decision_for("2").exit));
    assert_eq!(intent.created_ts_ms, NOW);
}

#[test]
fn several_failures_are_reported_together() {
    let mut account = AccountView {
        trades_today: 20,
        realized_pnl_today: super::fixtures::d("-300"),
        ..account()
    };
    account.last_exit_ts_ms.insert(btc(), NOW - 1_000);
    let mut market = market();
    market.symbols.insert(
        btc(),
        super::inputs::SymbolMarket {
            last_update_age_ms: 5_001,
            ..symbol_market()
        },
    );
    let assessment = assess_entry("30", &account, &market, SysMode::Pause);
    let verdict = entry_verdict(&assessment);
    assert_eq!(verdict.outcome, RiskOutcome::Block);
    assert_eq!(
        verdict.reason_codes,
        vec![
            ReasonCode::RiskSysModeNotNormal,
            ReasonCode::RiskStaleData,
            ReasonCode::RiskDailyLossLimit,
            ReasonCode::RiskTradesPerDay,
            ReasonCode::RiskCooldown,
        ]
    );
    assert_eq!(verdict.validate(), Ok(()));
    assert_eq!(assessment.intent, None);
}

#[test]
fn exposure_and_balance_failures_join_the_other_codes() {
    let mut account = account();
    account.balances.insert(
        "USDT".to_owned(),
        Balance {
            free: q("50"),
            locked: q("0"),
        },
    );
    let mut market = market();
    market.symbols.clear();
    let assessment = assess_entry("60", &account, &market, SysMode::Normal);
    assert_eq!(
        entry_verdict(&assessment).reason_codes,
        vec![
            ReasonCode::RiskStaleData,
            ReasonCode::RiskSpreadGuard,
            ReasonCode::RiskVolatilityGuard,
            ReasonCode::RiskExposureSymbol,
            ReasonCode::RiskExposureTotal,
            ReasonCode::RiskInsufficientFreeBalance,
        ]
    );
}

#[test]
fn entries_are_refused_outside_normal() {
    for mode in [SysMode::Degrade, SysMode::Pause, SysMode::Exit] {
        let assessment = assess_entry("2", &account(), &market(), mode);
        let verdict = entry_verdict(&assessment);
        assert_eq!(verdict.outcome, RiskOutcome::Block, "{mode}");
        assert_eq!(verdict.reason_codes, vec![ReasonCode::RiskSysModeNotNormal]);
        assert_eq!(verdict.sys_mode, mode);
        assert_eq!(verdict.validate(), Ok(()));
        assert_eq!(assessment.intent, None);
    }
}

#[test]
fn an_oversized_entry_is_reduced_to_fit_and_says_so() {
    let assessment = assess_entry("25", &account(), &market(), SysMode::Normal);
    let verdict = entry_verdict(&assessment);
    assert_eq!(verdict.outcome, RiskOutcome::Approve);
    assert_eq!(verdict.approved_quantity, Some(q("20")));
    assert_eq!(verdict.reason_codes, vec![ReasonCode::RiskSizeReducedToFit]);
    assert_eq!(assessment.intent.unwrap().quantity, q("20"));
}

#[test]
fn an_invalid_decision_is_blocked_with_its_contract_reason() {
    let mut decision = decision_for("2");
    decision.snapshot_hash = "not-a-hash".to_owned();
    let verdict = engine().evaluate(
        &Proposal::Entry(decision),
        &account(),
        &market(),
        SysMode::Normal,
        &FixedClock::new(NOW),
    );
    assert_eq!(verdict.reason_codes(), [ReasonCode::ContractHashInvalid]);
    assert!(!verdict.is_approved());
}

#[test]
fn exits_are_allowed_in_every_mode() {
    for mode in [
        SysMode::Normal,
        SysMode::Degrade,
        SysMode::Pause,
        SysMode::Exit,
    ] {
        let assessment = assess_reduce(&Proposal::Exit(sell("2", false)), mode);
        let verdict = reduce_verdict(&assessment);
        assert_eq!(verdict.outcome, RiskOutcome::Approve, "{mode}");
        assert_eq!(verdict.sys_mode, mode);
        assert_eq!(verdict.validate(), Ok(()));
        let intent = assessment.intent.unwrap();
        assert_eq!(intent.validate(), Ok(()));
        assert_eq!(
            (intent.kind, intent.side, intent.reduce_only),
            (IntentKind::Exit, Side::Sell, true)
        );
    }
}

#[test]
fn protection_is_allowed_in_pause_and_needs_its_exit_plan() {
    let assessment = assess_reduce(&Proposal::Protect(sell("2", true)), SysMode::Pause);
    assert!(assessment.verdict.is_approved());
    assert_eq!(assessment.intent.unwrap().kind, IntentKind::Protect);
    let bare = assess_reduce(&Proposal::Protect(sell("2", false)), SysMode::Pause);
    assert_eq!(
        bare.verdict.reason_codes(),
        [ReasonCode::ContractPlanMissing]
    );
    assert_eq!(bare.verdict.validate(), Ok(()));
    assert_eq!(bare.intent, None);
}

#[test]
fn exit_quantity_is_capped_at_the_position() {
    let assessment = assess_reduce(&Proposal::Exit(sell("5", false)), SysMode::Degrade);
    let verdict = reduce_verdict(&assessment);
    assert_eq!(verdict.approved_quantity, Some(q("2")));
    assert_eq!(verdict.requested_quantity, q("5"));
    assert_eq!(
        verdict.reason_codes,
        vec![ReasonCode::RiskReduceCappedToPosition]
    );
    assert_eq!(assessment.intent.unwrap().quantity, q("2"));
}

#[test]
fn an_exit_without_a_position_is_blocked_with_a_reason() {
    let proposal = Proposal::Exit(sell("1", false));
    let verdict = engine().evaluate(
        &proposal,
        &account(),
        &market(),
        SysMode::Pause,
        &FixedClock::new(NOW),
    );
    assert_eq!(verdict.reason_codes(), [ReasonCode::RiskNothingToReduce]);
    assert_eq!(verdict.validate(), Ok(()));
}

#[test]
fn evaluation_is_deterministic_and_timed_by_the_injected_clock() {
    let proposal = Proposal::Entry(decision_for("2"));
    let clock = FixedClock::new(NOW);
    let first = engine().assess(&proposal, &account(), &market(), SysMode::Normal, &clock);
    let again = engine().assess(&proposal, &account(), &market(), SysMode::Normal, &clock);
    assert_eq!(first, again);
    clock.advance(7);
    let later = engine().assess(&proposal, &account(), &market(), SysMode::Normal, &clock);
    assert_eq!(entry_verdict(&later).ts_ms, NOW + 7);
    assert_eq!(
        first.intent.unwrap().order_intent_id,
        later.intent.unwrap().order_intent_id
    );
}

#[test]
fn the_shipped_limits_approve_a_modest_entry() {
    let config = Config::shipped().unwrap();
    let engine = RiskEngine::from_config(&config);
    assert_eq!(engine.limits(), &RiskLimits::from_config(&config));
    let proposal = Proposal::Entry(decision_for("2"));
    let verdict = engine.evaluate(
        &proposal,
        &account(),
        &market(),
        SysMode::Normal,
        &FixedClock::new(NOW),
    );
    assert!(verdict.is_approved(), "{verdict:?}");
    assert_eq!(verdict.validate(), Ok(()));
}
