use livespot_domain::{
    Bps, ContractViolation, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback, Price,
    Quantity, ReasonCode, Regime as DomainRegime, Score, Side, SnapshotId, Symbol, TrailingMode,
    Validate, canonical_hash,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::decide::{Assessment, DecideContext, SymbolView};
use crate::indicators::to_bps;
use crate::{
    BookTop, EntryChoice, EntryFallback, EntryOrder, ExitChoice, Regime, StrategyParams,
    TrailingResolved, round_down_to, round_up_to,
};

pub fn proxy_book(close: Decimal, spread_bps: Decimal, tick_size: Decimal) -> BookTop {
    let half = close * spread_bps / Decimal::from(20_000);
    let bid = round_down_to(close - half, tick_size);
    let ask = round_up_to(close + half, tick_size).max(bid + tick_size);
    BookTop {
        bid_price: bid,
        bid_qty: Decimal::ZERO,
        ask_price: ask,
        ask_qty: Decimal::ZERO,
    }
}

fn missing(field: &str) -> ContractViolation {
    ContractViolation::new(
        ReasonCode::ContractPlanMissing,
        field,
        "assessment has no value",
    )
}

fn domain_regime(regime: Regime) -> Result<DomainRegime, ContractViolation> {
    match regime {
        Regime::Trend => Ok(DomainRegime::Trend),
        Regime::Range => Ok(DomainRegime::Range),
        Regime::NoTrade => Err(ContractViolation::new(
            ReasonCode::VolatilityOutOfRange,
            "regime",
            "NO_TRADE",
        )),
    }
}

fn entry_plan(
    entry: &EntryChoice,
    params: &StrategyParams,
) -> Result<EntryPlan, ContractViolation> {
    let kind = match entry.order {
        EntryOrder::MakerFirst => EntryKind::MakerFirst {
            ttl_ms: u64::try_from(entry.ttl_ms.unwrap_or_default()).unwrap_or_default(),
        },
        EntryOrder::Ioc => EntryKind::Ioc,
        EntryOrder::Market => EntryKind::Market,
    };
    let fallback = match entry.fallback {
        EntryFallback::None => Fallback::None,
        EntryFallback::Ioc => Fallback::Ioc,
        EntryFallback::Market => Fallback::Market,
    };
    Ok(EntryPlan {
        kind,
        limit_price: Price::new(entry.limit_price.unwrap_or(entry.reference_price))?,
        fallback,
        max_slippage_bps: Bps::new(params.entry.max_limit_distance_bps)?,
    })
}

fn exit_plan(
    exit: &ExitChoice,
    regime: Regime,
    entry_price: Decimal,
    params: &StrategyParams,
) -> Result<ExitPlan, ContractViolation> {
    let (tp_multiple, sl_multiple) = match regime {
        Regime::Trend => (
            params.exit.take_profit_atr_trend,
            params.exit.stop_loss_atr_trend,
        ),
        Regime::Range | Regime::NoTrade => (
            params.exit.take_profit_atr_range,
            params.exit.stop_loss_atr_range,
        ),
    };
    let trailing_mode = match exit.trailing {
        TrailingResolved::Off => TrailingMode::Off,
        TrailingResolved::Virtual => TrailingMode::Virtual,
        TrailingResolved::Native => TrailingMode::Native,
    };
    let trailing_delta_bips = exit
        .trailing_distance
        .and_then(|distance| to_bps(distance, entry_price))
        .and_then(|bips| bips.round().to_u32());
    Ok(ExitPlan {
        take_profit: Price::new(exit.take_profit)?,
        stop_loss: Price::new(exit.stop_loss)?,
        atr: Price::new(exit.atr)?,
        tp_atr_multiple: Bps::new(tp_multiple)?,
        sl_atr_multiple: Bps::new(sl_multiple)?,
        trailing_mode,
        trailing_delta_bips,
    })
}

pub fn build_decision(
    view: &SymbolView<'_>,
    context: &DecideContext<'_>,
    regime: Regime,
    assessment: &Assessment,
    params: &StrategyParams,
) -> Result<(Decision, String), ContractViolation> {
    let entry = assessment.entry.as_ref().ok_or_else(|| missing("entry"))?;
    let exit = assessment.exit.as_ref().ok_or_else(|| missing("exit"))?;
    let edge = assessment.edge.as_ref().ok_or_else(|| missing("edge"))?;
    let size = assessment.size.as_ref().ok_or_else(|| missing("size"))?;
    let now_ms = context.now_ms();
    let decision = Decision {
        decision_id: DecisionId::new(format!("DEC-{}-{}", view.symbol, now_ms))?,
        cycle_id: context.cycle_id.clone(),
        snapshot_id: SnapshotId::new(format!("SNAP-{}-{}", view.symbol, now_ms))?,
        snapshot_hash: canonical_hash(&assessment.features)?,
        symbol: Symbol::new(view.symbol)?,
        side: Side::Buy,
        regime: domain_regime(regime)?,
        score: Score::from_raw(view.score_x10000.clamp(0, Score::SCALE)),
        edge_bps: Bps::new(edge.net_edge_bps)?,
        quantity: Quantity::new(size.quantity)?,
        entry: entry_plan(entry, params)?,
        exit: exit_plan(exit, regime, entry.reference_price, params)?,
        reason_codes: Vec::new(),
        created_ts_ms: now_ms,
        expires_at_ms: now_ms + params.decision_ttl_ms,
    };
    decision.validate()?;
    let hash = decision.decision_hash()?;
    Ok((decision, hash))
}
