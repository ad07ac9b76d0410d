use livespot_domain::ReasonCode;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UniverseCandidate {
    pub symbol: String,
    pub base_asset: String,
    pub quote_asset: String,
    pub status: String,
    pub spot_allowed: bool,
    pub quote_volume_24h: Decimal,
    pub last_price: Decimal,
    pub abs_change_bps_24h: Decimal,
    pub spread_bps: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniverseParams {
    pub quote_asset: String,
    pub min_quote_volume_24h: Decimal,
    pub min_price: Decimal,
    pub max_spread_bps: Decimal,
    pub stablecoin_bases: Vec<String>,
    pub leveraged_suffixes: Vec<String>,
}

pub const LEVERAGED_PREFIX_MIN_CHARS: usize = 3;
pub const TRADING_STATUS: &str = "TRADING";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub symbol: String,
    pub reason: ReasonCode,
}

pub fn is_leveraged_token(base_asset: &str, suffixes: &[String]) -> bool {
    suffixes.iter().any(|suffix| {
        base_asset.len() >= suffix.len() + LEVERAGED_PREFIX_MIN_CHARS
            && base_asset.ends_with(suffix.as_str())
    })
}

pub fn exclusion_reason(
    candidate: &UniverseCandidate,
    params: &UniverseParams,
) -> Option<ReasonCode> {
    if candidate.quote_asset != params.quote_asset {
        return Some(ReasonCode::UniverseQuoteAsset);
    }
    if candidate.status != TRADING_STATUS {
        return Some(ReasonCode::UniverseNotTrading);
    }
    if !candidate.spot_allowed {
        return Some(ReasonCode::UniverseNotSpot);
    }
    if params.stablecoin_bases.contains(&candidate.base_asset) {
        return Some(ReasonCode::UniverseStablecoinBase);
    }
    if is_leveraged_token(&candidate.base_asset, &params.leveraged_suffixes) {
        return Some(ReasonCode::UniverseLeveragedToken);
    }
    if candidate.quote_volume_24h < params.min_quote_volume_24h {
        return Some(ReasonCode::UniverseLowVolume);
    }
    if candidate.last_price < params.min_price {
        return Some(ReasonCode::UniverseLowPrice);
    }
    if candidate
        .spread_bps
        .is_some_and(|spread| spread > params.max_spread_bps)
    {
        return Some(ReasonCode::UniverseWideSpread);
    }
    None
}

pub fn filter_universe(
    candidates: &[UniverseCandidate],
    params: &UniverseParams,
) -> (Vec<UniverseCandidate>, Vec<Exclusion>) {
    let mut kept = Vec::new();
    let mut excluded = Vec::new();
    for candidate in candidates {
        match exclusion_reason(candidate, params) {
            None => kept.push(candidate.clone()),
            Some(reason) => excluded.push(Exclusion {
                symbol: candidate.symbol.clone(),
                reason,
            }),
        }
    }
    (kept, excluded)
}

#[cfg(test)]
#[path = "universe_tests.rs"]
mod tests;
