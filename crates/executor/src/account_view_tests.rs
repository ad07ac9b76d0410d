use std::collections::BTreeMap;

use livespot_domain::PositionState;
use livespot_execution::account_state::{AccountState, AssetBalance, HeldPosition, WorkingOrder};
use livespot_execution::trade_history::TradeHistory;
use livespot_risk::decode_account;
use rust_decimal_macros::dec;

use super::*;

fn state() -> AccountState {
    let mut balances = BTreeMap::new();
    balances.insert(
        "USDT".to_owned(),
        AssetBalance {
            free: dec!(900),
            locked: dec!(50),
        },
    );
    balances.insert(
        "BTC".to_owned(),
        AssetBalance {
            free: dec!(0),
            locked: dec!(0.002),
        },
    );
    let mut history = TradeHistory::default();
    history.last_exit_ts_ms.insert("ETHUSDT".to_owned(), 77);
    history.loss_streak = 2;
    history.last_loss_ts_ms = Some(77);
    AccountState {
        ts_ms: 1_000,
        balances,
        positions: vec![HeldPosition {
            order_intent_id: "oi-1".to_owned(),
            symbol: "BTCUSDT".to_owned(),
            base_asset: "BTC".to_owned(),
            state: PositionState::Protected,
            quantity: dec!(0.002),
            entry_price: dec!(50000),
        }],
        open_orders: vec![WorkingOrder {
            symbol: "ETHUSDT".to_owned(),
            side: livespot_domain::Side::Buy,
            client_order_id: "c-1".to_owned(),
            remaining_qty: dec!(0.02),
            reserved_quote: dec!(50),
        }],
        realized_pnl_today: dec!(-1.5),
        trades_today: 3,
        marks: BTreeMap::from([("BTCUSDT".to_owned(), dec!(51000))]),
        history,
    }
}

#[test]
fn equity_is_the_quote_balance_plus_positions_at_their_marks() {
    assert_eq!(equity_now(&state(), "USDT"), dec!(950) + dec!(102));
}

#[test]
fn a_position_without_a_mark_is_valued_at_its_entry() {
    let mut unmarked = state();
    unmarked.marks.clear();
    assert_eq!(equity_now(&unmarked, "USDT"), dec!(950) + dec!(100));
}

#[test]
fn the_view_round_trips_through_the_risk_decoder_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let mut day = EquityDay::open(dir.path());
    let view = account_view(&state(), "USDT", &mut day).unwrap();
    let decoded = decode_account(&serde_json::to_string(&view).unwrap()).unwrap();
    assert_eq!(decoded, view);
    assert_eq!(view.equity_now.value(), dec!(1052));
    assert_eq!(view.day_start_equity.value(), dec!(1052));
    assert_eq!(view.positions[0].notional.value(), dec!(102));
    assert_eq!(view.open_orders[0].reserved_notional.value(), dec!(50));
    assert_eq!(view.loss_streak.count, 2);
    assert_eq!(view.trades_today, 3);
    assert_eq!(view.last_exit_ts_ms.len(), 1);
}
