use livespot_domain::{
    Bps, ContractViolation, MarketSnapshot, Notional, Quantity, ReasonCode, Validate,
};
use livespot_pipeline::indicators::{BPS_PER_UNIT, realized_volatility, simple_returns};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::rules::SymbolMinimum;
use crate::wire::ProposalMarket;

pub const RISK_VOLATILITY_RETURNS: usize = 32;
const MINUTE_MS: i64 = 60_000;

#[derive(Debug, Deserialize)]
struct SnapshotFilters {
    step_size: Decimal,
    min_qty: Decimal,
    min_notional: Decimal,
}

#[derive(Debug, Deserialize)]
struct SnapshotWire {
    snapshot: MarketSnapshot,
    filters: SnapshotFilters,
}

pub fn market_from_snapshot(
    payload_json: &str,
    cadence_minutes: u32,
) -> Result<Option<ProposalMarket>, ContractViolation> {
    let wire: SnapshotWire = serde_json::from_str(payload_json).map_err(|error| {
        ContractViolation::new(
            ReasonCode::IpcContractViolation,
            "payload_json",
            error.to_string(),
        )
    })?;
    let snapshot = &wire.snapshot;
    snapshot.validate().map_err(|v| v.within("snapshot"))?;
    let spread_bps = snapshot.spread_bps().ok_or_else(|| {
        ContractViolation::new(
            ReasonCode::ContractPriceNotPositive,
            "snapshot.best_bid",
            "no mid price",
        )
    })?;
    let Some(realized_volatility_bps) = volatility_bps(snapshot, cadence_minutes) else {
        return Ok(None);
    };
    let minimum = SymbolMinimum {
        step_size: Quantity::new(wire.filters.step_size).map_err(|v| v.within("filters"))?,
        min_quantity: Quantity::new(wire.filters.min_qty).map_err(|v| v.within("filters"))?,
        min_notional: Notional::new(wire.filters.min_notional).map_err(|v| v.within("filters"))?,
    };
    Ok(Some(ProposalMarket {
        symbol: snapshot.symbol.clone(),
        snapshot_ts_ms: snapshot.ts_ms.saturating_sub(snapshot.ws_age_ms),
        spread_bps,
        realized_volatility_bps,
        minimum,
    }))
}

fn closes_at_cadence(snapshot: &MarketSnapshot, cadence_minutes: u32) -> Vec<Decimal> {
    let cadence = i64::from(cadence_minutes.max(1));
    snapshot
        .klines
        .iter()
        .filter(|kline| (kline.open_time_ms.div_euclid(MINUTE_MS) + 1) % cadence == 0)
        .map(|kline| kline.close.value())
        .collect()
}

fn volatility_bps(snapshot: &MarketSnapshot, cadence_minutes: u32) -> Option<Bps> {
    let closes = closes_at_cadence(snapshot, cadence_minutes);
    let window = &closes[closes.len().saturating_sub(RISK_VOLATILITY_RETURNS + 1)..];
    let volatility = realized_volatility(&simple_returns(window))?;
    Bps::new((volatility * BPS_PER_UNIT).round_dp(4)).ok()
}

#[cfg(test)]
#[path = "snapshot_feed_tests.rs"]
mod tests;
