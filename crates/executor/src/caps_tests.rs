use rust_decimal_macros::dec;

use super::*;
use crate::sample_entry_intent;

fn caps() -> HardCaps {
    HardCaps {
        max_notional_per_order: dec!(100),
        allowed_symbols: vec!["BTCUSDT".to_owned()],
        max_open_orders: 2,
    }
}

fn entry(quantity: &str) -> OrderIntent {
    sample_entry_intent("oi-1", "BTCUSDT", quantity, 1_700_000_000_000).unwrap()
}

fn reason(result: Result<(), CapRefusal>) -> ReasonCode {
    result.unwrap_err().reason
}

#[test]
fn an_entry_inside_every_cap_passes() {
    assert_eq!(caps().check(&entry("0.003"), 0, SysMode::Normal), Ok(()));
}

#[test]
fn notional_over_the_cap_is_refused() {
    assert_eq!(
        reason(caps().check(&entry("0.004"), 0, SysMode::Normal)),
        ReasonCode::CapMaxNotional
    );
}

#[test]
fn symbols_outside_the_allowlist_are_refused() {
    let intent = sample_entry_intent("oi-2", "ETHUSDT", "0.001", 1_700_000_000_000).unwrap();
    assert_eq!(
        reason(caps().check(&intent, 0, SysMode::Normal)),
        ReasonCode::CapSymbolNotAllowed
    );
}

#[test]
fn entries_stop_at_the_open_order_cap() {
    assert_eq!(
        reason(caps().check(&entry("0.001"), 2, SysMode::Normal)),
        ReasonCode::CapMaxOpenOrders
    );
}

#[test]
fn entries_are_refused_outside_normal() {
    for mode in [SysMode::Degrade, SysMode::Pause, SysMode::Exit] {
        assert_eq!(
            reason(caps().check(&entry("0.001"), 0, mode)),
            ReasonCode::EntryOutsideNormal
        );
    }
}

#[test]
fn exits_must_be_reduce_only_and_may_run_outside_normal() {
    let mut exit = entry("0.001");
    exit.kind = IntentKind::Exit;
    exit.side = livespot_domain::Side::Sell;
    assert_eq!(
        reason(caps().check(&exit, 0, SysMode::Pause)),
        ReasonCode::CapExitNotReduceOnly
    );
    exit.reduce_only = true;
    assert_eq!(caps().check(&exit, 5, SysMode::Pause), Ok(()));
}
