use livespot_domain::{
    Bps, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback, IntentKind, OrderIntent,
    OrderIntentId, Price, Quantity, Side, Symbol, TrailingMode,
};

use crate::IntakeError;

fn price(text: &str) -> Result<Price, IntakeError> {
    Price::parse(text).map_err(IntakeError::Fixture)
}

fn bps(text: &str) -> Result<Bps, IntakeError> {
    Bps::parse(text).map_err(IntakeError::Fixture)
}

pub fn sample_entry_intent(
    id: &str,
    symbol: &str,
    quantity: &str,
    created_ts_ms: i64,
) -> Result<OrderIntent, IntakeError> {
    let limit = price("27000.00")?;
    Ok(OrderIntent {
        order_intent_id: OrderIntentId::new(id).map_err(IntakeError::Fixture)?,
        decision_id: DecisionId::new(format!("dec-{id}")).map_err(IntakeError::Fixture)?,
        symbol: Symbol::new(symbol).map_err(IntakeError::Fixture)?,
        side: Side::Buy,
        kind: IntentKind::Entry,
        quantity: Quantity::parse(quantity).map_err(IntakeError::Fixture)?,
        limit_price: Some(limit),
        entry_plan: Some(EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 3_000 },
            limit_price: limit,
            fallback: Fallback::Ioc,
            max_slippage_bps: bps("10")?,
        }),
        exit_plan: Some(ExitPlan {
            take_profit: price("27270.00")?,
            stop_loss: price("26865.00")?,
            atr: price("90")?,
            tp_atr_multiple: bps("3")?,
            sl_atr_multiple: bps("1.5")?,
            trailing_mode: TrailingMode::Virtual,
            trailing_delta_bips: Some(50),
        }),
        reduce_only: false,
        created_ts_ms,
    })
}
