use livespot_domain::{
    Bps, ContractViolation, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback, IntentKind,
    OrderIntent, OrderIntentId, Price, Quantity, Side, Symbol, TrailingMode,
};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySpec {
    pub order_intent_id: String,
    pub symbol: String,
    pub quantity: Decimal,
    pub limit_price: Decimal,
    pub kind: EntryKind,
    pub fallback: Fallback,
    pub take_profit: Decimal,
    pub stop_loss: Decimal,
    pub trailing_mode: TrailingMode,
    pub created_ts_ms: i64,
}

pub fn entry_intent(spec: &EntrySpec) -> Result<OrderIntent, ContractViolation> {
    let limit = Price::new(spec.limit_price)?;
    let trailing_delta_bips = (spec.trailing_mode != TrailingMode::Off).then_some(100);
    Ok(OrderIntent {
        order_intent_id: OrderIntentId::new(spec.order_intent_id.clone())?,
        decision_id: DecisionId::new(format!("dec-{}", spec.order_intent_id))?,
        symbol: Symbol::new(spec.symbol.clone())?,
        side: Side::Buy,
        kind: IntentKind::Entry,
        quantity: Quantity::new(spec.quantity)?,
        limit_price: Some(limit),
        entry_plan: Some(EntryPlan {
            kind: spec.kind,
            limit_price: limit,
            fallback: spec.fallback,
            max_slippage_bps: Bps::new(Decimal::from(50))?,
        }),
        exit_plan: Some(ExitPlan {
            take_profit: Price::new(spec.take_profit)?,
            stop_loss: Price::new(spec.stop_loss)?,
            atr: Price::new(Decimal::ONE)?,
            tp_atr_multiple: Bps::new(Decimal::from(2))?,
            sl_atr_multiple: Bps::new(Decimal::from(2))?,
            trailing_mode: spec.trailing_mode,
            trailing_delta_bips,
        }),
        reduce_only: false,
        created_ts_ms: spec.created_ts_ms,
    })
}
