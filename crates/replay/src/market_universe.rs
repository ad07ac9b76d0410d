use livespot_pipeline::indicators::{percentile, to_bps};
use livespot_pipeline::selection::UniverseCandidate;
use livespot_pipeline::{MicroParams, kline_spread_proxy_bps};
use rust_decimal::Decimal;

use crate::SymbolSeries;
use crate::defaults::MICRO_MINUTES;

pub const MINUTES_PER_DAY: usize = 1440;
pub const REPLAY_QUOTE_ASSET: &str = "USDT";

pub fn candidate_at(
    series: &SymbolSeries,
    minutes_done: usize,
    micro: &MicroParams,
) -> Option<UniverseCandidate> {
    if minutes_done == 0 {
        return None;
    }
    let start = minutes_done.saturating_sub(MINUTES_PER_DAY);
    let volume =
        series.quote_volume_prefix.get(minutes_done)? - series.quote_volume_prefix.get(start)?;
    let last = series.one_minute.get(minutes_done - 1)?;
    let first = series.one_minute.get(start)?;
    let micro_start = minutes_done.saturating_sub(MICRO_MINUTES);
    let spreads: Vec<Decimal> = series.one_minute[micro_start..minutes_done]
        .iter()
        .map(|k| kline_spread_proxy_bps(k, series.filters.tick_size, micro))
        .collect();
    let base = series
        .symbol
        .strip_suffix(REPLAY_QUOTE_ASSET)
        .unwrap_or(&series.symbol);
    Some(UniverseCandidate {
        symbol: series.symbol.clone(),
        base_asset: base.to_owned(),
        quote_asset: if base.len() < series.symbol.len() {
            REPLAY_QUOTE_ASSET.to_owned()
        } else {
            String::new()
        },
        status: "TRADING".to_owned(),
        spot_allowed: true,
        quote_volume_24h: volume,
        last_price: last.close,
        abs_change_bps_24h: to_bps((last.close - first.open).abs(), first.open).unwrap_or_default(),
        spread_bps: percentile(&spreads, 50),
    })
}
