#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests fail loudly"
)]

mod common;

use common::{Harness, ioc_intent};
use livespot_domain::{PositionState, Side};
use rust_decimal::Decimal;
use serde_json::json;

#[tokio::test]
async fn account_state_shows_positions_orders_trades_and_realized_pnl() {
    let h = Harness::start().await;
    let mut engine = h.engine().await;
    engine
        .execute(&ioc_intent(&h, "acct-1").await)
        .await
        .unwrap();
    let state = engine.account_state().await.unwrap();
    assert_eq!(state.positions.len(), 1);
    let held = &state.positions[0];
    assert_eq!(
        (held.state, held.order_intent_id.as_str()),
        (PositionState::Protected, "acct-1")
    );
    assert_eq!(
        held.quantity,
        engine
            .ledger()
            .position("acct-1")
            .unwrap()
            .unwrap()
            .base_qty
    );
    assert!(held.entry_price > Decimal::ZERO);
    assert!(
        state.marks["BTCUSDT"] > Decimal::ZERO,
        "held symbols carry a mark"
    );
    assert_eq!(state.open_orders.len(), 2);
    assert!(
        state
            .open_orders
            .iter()
            .all(|o| o.side == Side::Sell && o.reserved_quote.is_zero())
    );
    assert_eq!(
        (state.trades_today, state.realized_pnl_today),
        (1, Decimal::ZERO)
    );
    assert!(state.balances["USDT"].free < Decimal::from(100_000));
    assert_a_safe_close_is_flat_and_counted(&h, &mut engine).await;
}

async fn assert_a_safe_close_is_flat_and_counted(
    h: &Harness,
    engine: &mut livespot_execution::ExecutionEngine,
) {
    h.fault(json!({"kind": "reject_next", "path": "/api/v3/orderList/oco", "count": 10}))
        .await;
    engine
        .execute(&ioc_intent(h, "acct-2").await)
        .await
        .unwrap();
    let after = engine.account_state().await.unwrap();
    assert_eq!(after.trades_today, 2);
    assert_eq!(
        after.positions.len(),
        1,
        "the safely closed position is flat"
    );
    assert_ne!(after.realized_pnl_today, Decimal::ZERO);
    let closed_at = after.history.last_exit_ts_ms["BTCUSDT"];
    assert!(closed_at > 0, "the safe close is the symbol's last exit");
    let lost = after.realized_pnl_today < Decimal::ZERO;
    assert_eq!(after.history.loss_streak, u32::from(lost));
}
