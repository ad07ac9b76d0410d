use livespot_binance::client_order_id::OrderPurpose;
use livespot_binance::rest::enums::{OrderSide, OrderType, TimeInForce};
use livespot_binance::rest::requests::NewOrder;
use livespot_domain::{
    ClientOrderId, EntryKind, Fallback, IntentState, OrderLookup, OrderStatus, PositionState,
    ReasonCode, TrailingMode,
};
use rust_decimal_macros::dec;

use super::*;

fn report(status: OrderStatus, executed: rust_decimal::Decimal) -> OrderReport {
    OrderReport {
        exchange_order_id: 7,
        order_list_id: None,
        status,
        executed_qty: executed,
        cummulative_quote_qty: dec!(0),
    }
}
use crate::fixture::{EntrySpec, entry_intent};
use crate::send::pending_row;

fn spec(id: &str) -> EntrySpec {
    EntrySpec {
        order_intent_id: id.into(),
        symbol: "BTCUSDT".into(),
        quantity: dec!(0.001),
        limit_price: dec!(60000),
        kind: EntryKind::MakerFirst { ttl_ms: 1_000 },
        fallback: Fallback::Ioc,
        take_profit: dec!(61000),
        stop_loss: dec!(59000),
        trailing_mode: TrailingMode::Off,
        created_ts_ms: 1_000,
    }
}

fn created(ledger: &mut Ledger, id: &str) -> IntentRecord {
    let intent = entry_intent(&spec(id)).unwrap();
    let coid = ClientOrderId::new(format!("c-{id}")).unwrap();
    let row = NewIntentRow {
        intent: &intent,
        client_order_id: &coid,
        quantity: dec!(0.001),
        price: Some(dec!(60000)),
        opens_position: true,
    };
    ledger.insert_created(&row, 5).unwrap()
}

#[test]
fn ledger_is_wal_and_survives_reopen_with_the_created_intent() {
    let dir = tempfile::tempdir().unwrap();
    let path = executor_ledger_path(dir.path());
    let mut ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.journal_mode().unwrap(), "wal");
    let record = created(&mut ledger, "i-1");
    assert_eq!(record.state, IntentState::Created);
    drop(ledger);
    let reopened = Ledger::open(&path).unwrap();
    let again = reopened.intent("i-1").unwrap();
    assert_eq!(again, record);
    assert_eq!(
        again.plans.exit_plan.unwrap().take_profit.value(),
        dec!(61000)
    );
    assert_eq!(reopened.unresolved_intents().unwrap().len(), 1);
}

#[test]
fn impossible_intent_transition_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("l.sqlite")).unwrap();
    created(&mut ledger, "i-2");
    let rejected = ledger
        .transition_intent("i-2", IntentState::confirm, None, 6)
        .unwrap_err();
    assert_eq!(
        rejected.reason_code(),
        ReasonCode::IntentTransitionForbidden
    );
    assert_eq!(ledger.intent("i-2").unwrap().state, IntentState::Created);
    ledger
        .transition_intent("i-2", IntentState::mark_sent, None, 6)
        .unwrap();
    ledger
        .transition_intent("i-2", IntentState::mark_sent_unknown, None, 7)
        .unwrap();
    let lookup_needed = ledger
        .transition_intent("i-2", IntentState::confirm, None, 8)
        .unwrap_err();
    assert_eq!(
        lookup_needed.reason_code(),
        ReasonCode::IntentUnknownNeedsLookup
    );
    ledger
        .transition_intent(
            "i-2",
            |s| s.resolve_by_lookup(OrderLookup::NotFound),
            None,
            9,
        )
        .unwrap();
    ledger
        .transition_intent("i-2", IntentState::mark_sent, None, 10)
        .unwrap();
    assert_eq!(
        ledger.intent_history("i-2").unwrap(),
        vec![
            IntentState::Created,
            IntentState::Sent,
            IntentState::SentUnknown,
            IntentState::NotFound,
            IntentState::Sent
        ]
    );
    assert_eq!(ledger.intent("i-2").unwrap().send_attempts, 2);
}

#[test]
fn duplicate_intent_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("l.sqlite")).unwrap();
    created(&mut ledger, "i-3");
    let intent = entry_intent(&spec("i-3")).unwrap();
    let coid = ClientOrderId::new("c-other").unwrap();
    let row = NewIntentRow {
        intent: &intent,
        client_order_id: &coid,
        quantity: dec!(1),
        price: None,
        opens_position: false,
    };
    assert!(matches!(
        ledger.insert_created(&row, 9),
        Err(LedgerError::IntentDuplicate(_))
    ));
}

#[test]
fn order_status_moves_only_along_the_order_machine() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("l.sqlite")).unwrap();
    created(&mut ledger, "i-4");
    let order = NewOrder::limit(
        "BTCUSDT",
        OrderSide::Buy,
        dec!(0.001),
        dec!(60000),
        TimeInForce::Gtc,
    )
    .with_client_order_id("o-4");
    assert!(
        ledger
            .insert_pending_order(&pending_row("i-4", OrderPurpose::Entry, &order), 1)
            .unwrap()
    );
    assert!(
        !ledger
            .insert_pending_order(&pending_row("i-4", OrderPurpose::Entry, &order), 1)
            .unwrap()
    );
    ledger
        .apply_order_report("o-4", &report(OrderStatus::New, dec!(0)), 2)
        .unwrap();
    ledger
        .apply_order_report(
            "o-4",
            &report(OrderStatus::PartiallyFilled, dec!(0.0005)),
            3,
        )
        .unwrap();
    ledger
        .apply_order_report("o-4", &report(OrderStatus::Canceled, dec!(0.0005)), 4)
        .unwrap();
    let back = ledger
        .apply_order_report("o-4", &report(OrderStatus::New, dec!(0)), 5)
        .unwrap_err();
    assert_eq!(back.reason_code(), ReasonCode::OrderTransitionForbidden);
    let stored = ledger.order("o-4").unwrap().unwrap();
    assert_eq!(
        (stored.status, stored.executed_qty, stored.exchange_order_id),
        (OrderStatus::Canceled, dec!(0.0005), Some(7))
    );
    assert_eq!(stored.order_type, OrderType::Limit.as_str());
}

#[test]
fn position_follows_the_position_machine() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("l.sqlite")).unwrap();
    created(&mut ledger, "i-5");
    assert_eq!(
        ledger.position("i-5").unwrap().unwrap().state,
        PositionState::Entering
    );
    let skipped = ledger
        .advance_position("i-5", "BTCUSDT", PositionState::protect, dec!(1), 2)
        .unwrap_err();
    assert_eq!(
        skipped.reason_code(),
        ReasonCode::PositionTransitionForbidden
    );
    ledger
        .advance_position(
            "i-5",
            "BTCUSDT",
            PositionState::entry_filled,
            dec!(0.001),
            3,
        )
        .unwrap();
    let position = ledger.position("i-5").unwrap().unwrap();
    assert_eq!(
        (position.state, position.base_qty),
        (PositionState::OpenUnprotected, dec!(0.001))
    );
}

#[test]
fn net_base_counts_buys_sells_and_base_fees_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("l.sqlite")).unwrap();
    let fill = |trade_id, qty, commission, asset: &str, is_buyer| FillRecord {
        symbol: "BTCUSDT".into(),
        trade_id,
        exchange_order_id: 1,
        price: dec!(60000),
        qty,
        commission,
        commission_asset: asset.into(),
        is_buyer,
        ts_ms: 1,
    };
    assert!(
        ledger
            .record_fill(&fill(1, dec!(0.002), dec!(0.000002), "BTC", true))
            .unwrap()
    );
    assert!(
        !ledger
            .record_fill(&fill(1, dec!(0.002), dec!(0.000002), "BTC", true))
            .unwrap()
    );
    ledger
        .record_fill(&fill(2, dec!(0.001), dec!(0.06), "USDT", false))
        .unwrap();
    ledger
        .record_fill(&fill(3, dec!(0.001), dec!(0.0001), "BNB", true))
        .unwrap();
    assert_eq!(
        ledger.net_base_from_fills("BTCUSDT", "BTC").unwrap(),
        dec!(0.001998) + dec!(0.001) - dec!(0.001)
    );
}
