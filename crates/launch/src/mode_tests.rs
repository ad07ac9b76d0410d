use super::*;

fn authority() -> ModeAuthority {
    ModeAuthority::new(FailPolicy::default())
}

fn raised(reason: ReasonCode) -> ModeInput {
    ModeInput::Raised {
        source: ProcessRole::Marketdata,
        reason,
    }
}

fn clean(reason: ReasonCode) -> ModeInput {
    ModeInput::Clean {
        source: ProcessRole::Marketdata,
        reason,
    }
}

#[test]
fn starts_normal_and_a_degrade_condition_moves_to_degrade_with_an_alert() {
    let mut authority = authority();
    assert_eq!(authority.mode(), SysMode::Normal);
    let outcome = authority.apply(raised(ReasonCode::WsStaleDegrade));
    assert_eq!(outcome.alert_raised, Some(ReasonCode::WsStaleDegrade));
    assert_eq!(outcome.changed, Some((SysMode::Normal, SysMode::Degrade)));
}

#[test]
fn a_condition_clears_only_after_two_consecutive_clean_cycles() {
    let mut authority = authority();
    authority.apply(raised(ReasonCode::WsStaleDegrade));
    let first = authority.apply(clean(ReasonCode::WsStaleDegrade));
    assert_eq!(first.alert_cleared, None);
    assert_eq!(authority.mode(), SysMode::Degrade);
    let second = authority.apply(clean(ReasonCode::WsStaleDegrade));
    assert_eq!(second.alert_cleared, Some(ReasonCode::WsStaleDegrade));
    assert_eq!(second.changed, Some((SysMode::Degrade, SysMode::Normal)));
}

#[test]
fn a_raise_between_clean_cycles_restarts_the_count() {
    let mut authority = authority();
    authority.apply(raised(ReasonCode::WsStaleDegrade));
    authority.apply(clean(ReasonCode::WsStaleDegrade));
    let again = authority.apply(raised(ReasonCode::WsStaleDegrade));
    assert_eq!(again.alert_raised, None);
    authority.apply(clean(ReasonCode::WsStaleDegrade));
    assert_eq!(authority.mode(), SysMode::Degrade);
    authority.apply(clean(ReasonCode::WsStaleDegrade));
    assert_eq!(authority.mode(), SysMode::Normal);
}

#[test]
fn pause_wins_over_degrade_and_falls_back_to_degrade_when_cleared() {
    let mut authority = authority();
    authority.apply(raised(ReasonCode::WsStaleDegrade));
    let paused = authority.apply(raised(ReasonCode::CrashLoopPause));
    assert_eq!(paused.changed, Some((SysMode::Degrade, SysMode::Pause)));
    authority.apply(clean(ReasonCode::CrashLoopPause));
    authority.apply(clean(ReasonCode::CrashLoopPause));
    assert_eq!(authority.mode(), SysMode::Degrade);
    assert_eq!(authority.active_reasons(), vec![ReasonCode::WsStaleDegrade]);
}

#[test]
fn the_same_reason_from_two_sources_needs_both_cleared() {
    let mut authority = authority();
    authority.apply(raised(ReasonCode::RestStaleDegrade));
    authority.apply(ModeInput::Raised {
        source: ProcessRole::Executor,
        reason: ReasonCode::RestStaleDegrade,
    });
    authority.apply(clean(ReasonCode::RestStaleDegrade));
    authority.apply(clean(ReasonCode::RestStaleDegrade));
    assert_eq!(authority.mode(), SysMode::Degrade);
}

#[test]
fn clean_cycles_for_an_unknown_condition_change_nothing() {
    let mut authority = authority();
    let outcome = authority.apply(clean(ReasonCode::WsStaleDegrade));
    assert_eq!(outcome, ModeOutcome::default());
}

#[test]
fn exit_overrides_every_condition() {
    let mut authority = authority();
    authority.apply(raised(ReasonCode::CrashLoopPause));
    let outcome = authority.apply(ModeInput::Exit);
    assert_eq!(outcome.changed, Some((SysMode::Pause, SysMode::Exit)));
}

#[test]
fn an_operator_pause_holds_per_source_and_resume_returns_to_what_else_holds() {
    let mut authority = authority();
    let pause = ModeInput::Raised {
        source: ProcessRole::Launch,
        reason: ReasonCode::OperatorPause,
    };
    let resume = ModeInput::Clean {
        source: ProcessRole::Launch,
        reason: ReasonCode::OperatorPause,
    };
    authority.apply(raised(ReasonCode::WsStaleDegrade));
    assert_eq!(
        authority.apply(pause).alert_raised,
        Some(ReasonCode::OperatorPause)
    );
    assert_eq!(authority.mode(), SysMode::Pause);
    assert!(authority.holds(ProcessRole::Launch, ReasonCode::OperatorPause));
    assert!(!authority.holds(ProcessRole::Marketdata, ReasonCode::OperatorPause));
    assert_eq!(authority.apply(pause).alert_raised, None);
    authority.apply(resume);
    assert_eq!(
        authority.apply(resume).alert_cleared,
        Some(ReasonCode::OperatorPause)
    );
    assert!(!authority.holds(ProcessRole::Launch, ReasonCode::OperatorPause));
    assert_eq!(authority.mode(), SysMode::Degrade);
}
